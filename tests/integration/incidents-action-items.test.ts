import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as audit from "@/app/api/v1/audit/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as incidentItems from "@/app/api/v1/incidents/[id]/action-items/route";
import * as items from "@/app/api/v1/action-items/route";
import * as item from "@/app/api/v1/action-items/[id]/route";
import { defaultActionItemDue } from "@/lib/postmortem";
import { call, userWithToken } from "./helpers/api";

// Action items over the REST API: defaults from priority in the owning team's zone, status rules
// (wont_do needs a reason), versions, external ticket links, and the tracker across teams and services
// with filters (team, service, status, owner, overdue) and pagination. Overdue is computed at read time.

type Item = {
  id: string;
  title: string;
  dueDate: string | null;
  dueTimezone: string;
  overdue: boolean;
  status: string;
  version: number;
  owner: { id: string } | null;
};

describe("action items over the REST API", () => {
  let admin: string, editor: string, viewer: string, otherEditor: string;
  let owner: { id: string; email: string; token: string };
  let incidentId: string;

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-ai", name: "Items", timezone: "Asia/Tokyo" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-ai-other", name: "Other items", timezone: "UTC" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-ai-svc", name: "Items svc", team: "inc-ai" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-ai-other-svc", name: "Other svc", team: "inc-ai-other" },
        })
      ).status,
    ).toBe(201);
    editor = (await userWithToken("editor", ["inc-ai"])).token;
    otherEditor = (await userWithToken("editor", ["inc-ai-other"])).token;
    viewer = (await userWithToken("viewer", ["inc-ai"])).token;
    owner = await userWithToken("editor", ["inc-ai"]);
    const inc = await call(incidents.POST, {
      method: "POST",
      token: editor,
      body: { title: "Queue backlog", severity: "SEV-2", services: ["inc-ai-svc"] },
    });
    incidentId = inc.body.id;
  });

  const create = (body: Record<string, unknown>, token = editor) =>
    call(incidentItems.POST, {
      method: "POST",
      token,
      params: { id: incidentId },
      body: { priority: "P1", type: "prevent", ...body },
    });
  const list = async (query: string, token = viewer) =>
    (await call(items.GET, { token, url: `/api/v1/action-items?${query}` })).body as { items: Item[]; total: number };

  /** New items may not be created overdue; an existing item's due date can be moved into the past by PATCH. */
  const backdate = async (created: { status: number; body: Item }, dueDate: string, token = editor): Promise<Item> => {
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await call(item.PATCH, {
      method: "PATCH",
      token,
      params: { id: created.body.id },
      body: { dueDate, version: created.body.version },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Item;
  };

  it("refuses a new item due before today in the team's zone; today is fine, and PATCH may still set a past date", async () => {
    const today = DateTime.now().setZone("Asia/Tokyo").toISODate()!;
    const yesterday = DateTime.now().setZone("Asia/Tokyo").minus({ days: 1 }).toISODate()!;
    const late = await create({ title: "Born overdue", dueDate: yesterday });
    expect(late.status).toBe(422);
    expect(late.body.error.fields).toEqual({ dueDate: `must be today (${today}, Asia/Tokyo) or later` });
    expect(late.body.error.message).toContain("Due date must be today");
    const onService = await call(items.POST, {
      method: "POST",
      token: otherEditor,
      body: { service: "inc-ai-other-svc", title: "Old news", priority: "P2", type: "repair", dueDate: "2020-02-02" },
    });
    expect(onService.status).toBe(422);
    expect(onService.body.error.fields.dueDate).toMatch(/^must be today \(\d{4}-\d{2}-\d{2}, UTC\) or later$/);

    const dueToday = await create({ title: "Due today", dueDate: today });
    expect(dueToday.status, JSON.stringify(dueToday.body)).toBe(201);
    expect(dueToday.body).toMatchObject({ dueDate: today, overdue: false });
    const moved = await backdate(dueToday, yesterday);
    expect(moved).toMatchObject({ dueDate: yesterday, overdue: true, version: 2 });
    // Keep the tracker test's overdue counts to its own items.
    expect((await call(item.DELETE, { method: "DELETE", token: editor, params: { id: moved.id } })).status).toBe(200);
  });

  it("creates an item with the priority's default due date in the owning team's zone (P0 5, P1 20, P2 40 business days; P3 none)", async () => {
    for (const priority of ["P0", "P1", "P2", "P3"] as const) {
      const before = Date.now();
      const res = await create({
        title: `Default due ${priority}`,
        priority,
        owner: owner.email,
        ticketUrl: "https://tracker.example.com/T-1",
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const expected = defaultActionItemDue({ priority, createdAtMs: before, timezone: "Asia/Tokyo" });
      expect(res.body).toMatchObject({
        dueDate: expected?.dueDate ?? null,
        dueTimezone: "Asia/Tokyo",
        status: "open",
        overdue: false,
        version: 1,
        owner: { id: owner.id },
        ticketUrl: "https://tracker.example.com/T-1",
        incident: { id: incidentId },
        service: { slug: "inc-ai-svc" },
        team: { slug: "inc-ai" },
      });
    }
  });

  it("validates: P0–P2 need a due date, wont_do needs a reason, the ticket must be an http(s) URL, the owner must exist", async () => {
    const noDue = await create({ title: "No due date", priority: "P0", dueDate: null });
    expect(noDue.status).toBe(422);
    expect(noDue.body.error.fields.dueDate).toMatch(/P0 items need a due date/);
    const noReason = await create({ title: "Will not do", status: "wont_do" });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.wontDoReason).toBeDefined();
    const bad = await create({
      title: "x",
      priority: "P7",
      type: "pray",
      ticketUrl: "ftp://t",
      dueDate: "2026-02-30",
      owner: "ghost@example.com",
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["dueDate", "priority", "ticketUrl", "title", "type"]);
    const ghost = await create({ title: "Ghost owner", owner: "ghost@example.com" });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.fields.owner).toMatch(/unknown user/);
    const orphan = await call(items.POST, {
      method: "POST",
      token: editor,
      body: { title: "Nowhere", priority: "P2", type: "detect" },
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.fields.service).toBeDefined();
  });

  it("changes status with versions: done records completion, wont_do needs a reason, stale versions are refused", async () => {
    const { body: created } = await create({ title: "Add queue depth alert", owner: owner.id, type: "detect" });
    const done = await call(item.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id: created.id },
      body: { status: "done", version: 1 },
    });
    expect(done.body).toMatchObject({ status: "done", version: 2 });
    expect(done.body.completedAt).not.toBeNull();
    const stale = await call(item.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id: created.id },
      body: { title: "lost edit", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: "stale" });
    expect(
      (
        await call(item.PATCH, {
          method: "PATCH",
          token: editor,
          params: { id: created.id },
          body: { status: "wont_do", version: 2 },
        })
      ).status,
    ).toBe(422);
    const wont = await call(item.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id: created.id },
      body: { status: "wont_do", wontDoReason: "Covered by INC-1's alert", version: 2 },
    });
    expect(wont.body).toMatchObject({ status: "wont_do", wontDoReason: "Covered by INC-1's alert", completedAt: null });
    // The owner may move their own item; a viewer or another team's editor may not edit it.
    expect(
      (
        await call(item.PATCH, {
          method: "PATCH",
          token: owner.token,
          params: { id: created.id },
          body: { status: "in_progress" },
        })
      ).body.status,
    ).toBe("in_progress");
    expect(
      (await call(item.PATCH, { method: "PATCH", token: viewer, params: { id: created.id }, body: { status: "done" } }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(item.PATCH, {
          method: "PATCH",
          token: otherEditor,
          params: { id: created.id },
          body: { title: "hijack" },
        })
      ).status,
    ).toBe(403);
    expect((await call(item.DELETE, { method: "DELETE", token: editor, params: { id: created.id } })).status).toBe(200);
    expect((await call(item.GET, { token: viewer, params: { id: created.id } })).status).toBe(404);
    const log = await call(audit.GET, {
      url: `/api/v1/audit?entityType=action_item&entityId=${created.id}`,
      token: admin,
    });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "action_item.delete",
      "action_item.update",
      "action_item.update",
      "action_item.update",
      "action_item.create",
    ]);
  });

  it("tracks items across teams and services with filters, the overdue filter computed now, and pagination", async () => {
    const lateA = await backdate(await create({ title: "Overdue A", owner: owner.id }), "2020-01-10");
    const lateB = await backdate(await create({ title: "Overdue B", priority: "P0" }), "2021-05-03");
    const doneLate = await backdate(await create({ title: "Done but late", status: "done" }), "2020-01-10");
    const future = (await create({ title: "Future", dueDate: "2999-01-01" })).body as Item;
    const other = await backdate(
      await call(items.POST, {
        method: "POST",
        token: otherEditor,
        body: { service: "inc-ai-other-svc", title: "Other team overdue", priority: "P2", type: "repair" },
      }),
      "2020-02-02",
      otherEditor,
    );
    expect(other).toMatchObject({ incident: null, team: { slug: "inc-ai-other" }, overdue: true, dueTimezone: "UTC" });
    expect([lateA.overdue, lateB.overdue, doneLate.overdue, future.overdue]).toEqual([true, true, false, false]);

    const overdue = await list("team=inc-ai&overdue=true");
    expect(overdue.items.map((i) => i.title)).toEqual(["Overdue A", "Overdue B"]);
    expect(overdue.total).toBe(2);
    const page2 = await list("team=inc-ai&overdue=true&pageSize=1&page=2");
    expect(page2.items.map((i) => i.title)).toEqual(["Overdue B"]);
    expect(page2.total).toBe(2);
    const everywhere = await list("overdue=true&pageSize=200");
    expect(everywhere.items.map((i) => i.title)).toEqual(
      expect.arrayContaining(["Overdue A", "Overdue B", "Other team overdue"]),
    );
    expect(everywhere.items.every((i) => i.overdue)).toBe(true);
    const notOverdue = await list("team=inc-ai&overdue=false&pageSize=200");
    expect(notOverdue.items.some((i) => i.overdue)).toBe(false);
    expect(notOverdue.items.map((i) => i.title)).toEqual(expect.arrayContaining(["Done but late", "Future"]));

    expect((await list("service=inc-ai-other-svc")).items.map((i) => i.title)).toEqual(["Other team overdue"]);
    expect((await list(`owner=${owner.email}&overdue=true`)).items.map((i) => i.title)).toEqual(["Overdue A"]);
    expect((await list("owner=me", owner.token)).items.every((i) => i.owner?.id === owner.id)).toBe(true);
    expect((await list("team=inc-ai&status=done")).items.map((i) => i.title)).toEqual(["Done but late"]);
    const active = await list("team=inc-ai&status=active&pageSize=200");
    expect(active.items.every((i) => i.status === "open" || i.status === "in_progress")).toBe(true);
    expect((await list(`incident=${incidentId}&priority=P0&overdue=true`)).items.map((i) => i.title)).toEqual([
      "Overdue B",
    ]);
    const bad = await call(items.GET, { token: viewer, url: "/api/v1/action-items?overdue=maybe&status=lost" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["overdue", "status"]);
  });
});
