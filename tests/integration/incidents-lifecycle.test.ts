import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as audit from "@/app/api/v1/audit/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as incident from "@/app/api/v1/incidents/[id]/route";
import * as status from "@/app/api/v1/incidents/[id]/status/route";
import * as roles from "@/app/api/v1/incidents/[id]/roles/route";
import * as timeline from "@/app/api/v1/incidents/[id]/timeline/route";
import * as entry from "@/app/api/v1/incidents/[id]/timeline/[entryId]/route";
import * as fromPage from "@/app/api/v1/incidents/from-page/[pageId]/route";
import * as incidentPostmortem from "@/app/api/v1/incidents/[id]/postmortem/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// Incident lifecycle over the REST API: declaration, key instants validated in order (422 naming the
// field), status transitions with reopen, roles, the timeline (backdated, starred, system entries),
// permissions, escalation of a page, and the postmortem due date in the owning team's zone.

type Entry = {
  id: string;
  kind: string;
  text: string;
  at: string;
  starred: boolean;
  system: boolean;
  addedLater: boolean;
  version: number;
};

describe("incidents over the REST API", () => {
  let admin: string, editor: string, viewer: string, outsider: string;
  let editorUser: { id: string; email: string };
  let commanderUser: { id: string; email: string };

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-life", name: "Lifecycle", timezone: "America/New_York" },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "inc-life-other", name: "Other" } }))
        .status,
    ).toBe(201);
    for (const [slug, team] of [
      ["inc-life-api", "inc-life"],
      ["inc-life-db", "inc-life-other"],
    ]) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug, name: slug, team } })).status,
      ).toBe(201);
    }
    const e = await userWithToken("editor", ["inc-life"]);
    editor = e.token;
    editorUser = e;
    commanderUser = await userWithToken("editor", ["inc-life"]);
    viewer = (await userWithToken("viewer", ["inc-life"])).token;
    outsider = (await userWithToken("editor", ["inc-life-other"])).token;
  });

  const declare = (body: Record<string, unknown>, token = editor) =>
    call(incidents.POST, {
      method: "POST",
      token,
      body: { title: "API errors", severity: "SEV-2", services: ["inc-life-api"], ...body },
    });
  const entries = async (id: string): Promise<Entry[]> =>
    (await call(timeline.GET, { token: viewer, params: { id } })).body.items;

  it("declares an incident: owning team from the first service, declarer as commander, a declared entry and a postmortem draft", async () => {
    const res = await declare({ impactStartAt: "2026-03-02T14:00:00Z", detectedAt: "2026-03-02T14:05:00Z" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      title: "API errors",
      severity: "SEV-2",
      status: "investigating",
      version: 1,
      team: { slug: "inc-life", timezone: "America/New_York" },
      services: [{ slug: "inc-life-api" }],
      commander: { id: editorUser.id },
      instants: { impactStartAt: "2026-03-02T14:00:00.000Z", detectedAt: "2026-03-02T14:05:00.000Z", resolvedAt: null },
      durations: { timeToDetectMs: 300_000 },
      postmortem: { status: "draft", dueAt: null, overdue: false },
      severityDefinition: { name: "Major" },
    });
    expect(res.body.key).toBe(`INC-${res.body.number}`);
    const list = await entries(res.body.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: "status_change", system: true });
    expect(list[0]!.text).toContain("Incident declared as SEV-2");
    // readable by number and by INC-n
    expect((await call(incident.GET, { token: viewer, params: { id: String(res.body.number) } })).body.id).toBe(
      res.body.id,
    );
    expect((await call(incident.GET, { token: viewer, params: { id: res.body.key } })).body.id).toBe(res.body.id);
  });

  it("refuses key instants out of order with 422 naming the field, on create, update and status change", async () => {
    const bad = await declare({ impactStartAt: "2026-03-02T14:10:00Z", detectedAt: "2026-03-02T14:05:00Z" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["detectedAt"]);
    // Under "Detected" the message names the other instant by its form label, not its API name.
    expect(bad.body.error.fields.detectedAt).toBe("must not be before Impact start (2026-03-02 14:10:00 UTC)");
    expect(bad.body.error.message).toBe(
      "Key instants out of order: Detected (2026-03-02 14:05:00 UTC) must not be before Impact start (2026-03-02 14:10:00 UTC).",
    );

    const ok = await declare({ impactStartAt: "2026-03-02T14:00:00Z", detectedAt: "2026-03-02T14:05:00Z" });
    const id = ok.body.id;
    const patch = await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: { acknowledgedAt: "2026-03-02T14:01:00Z", version: 1 },
    });
    expect(patch.status).toBe(422);
    expect(Object.keys(patch.body.error.fields)).toEqual(["acknowledgedAt"]);
    const early = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "resolved", at: "2026-03-02T13:00:00Z" },
    });
    expect(early.status).toBe(422);
    expect(Object.keys(early.body.error.fields).sort()).toEqual(["at", "mitigatedAt"]);
    expect(early.body.error.fields.mitigatedAt).toMatch(/^must not be before Detected \(2026-03-02 14:05:00 UTC\)$/);
    const direct = await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: { resolvedAt: "2026-03-02T16:00:00Z" },
    });
    expect(direct.status).toBe(422);
    expect(direct.body.error.fields.resolvedAt).toMatch(/resolving/);
    const garbage = await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: { detectedAt: "yesterday", severity: "SEV-9" },
    });
    expect(garbage.status).toBe(422);
    expect(Object.keys(garbage.body.error.fields).sort()).toEqual(["detectedAt", "severity"]);
  });

  it("moves through investigating → mitigated → resolved → reopen → resolved, with timeline entries and the due date in the team's zone", async () => {
    const { body: inc } = await declare({ impactStartAt: "2026-03-06T20:00:00Z", detectedAt: "2026-03-06T20:10:00Z" });
    const id = inc.id;
    const mitigated = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "mitigated", at: "2026-03-06T21:00:00Z" },
    });
    expect(mitigated.status).toBe(200);
    expect(mitigated.body).toMatchObject({
      status: "mitigated",
      version: 2,
      instants: { mitigatedAt: "2026-03-06T21:00:00.000Z" },
    });
    expect(
      (await call(status.POST, { method: "POST", token: editor, params: { id }, body: { status: "mitigated" } })).body
        .error.code,
    ).toBe("INVALID_STATE");

    // Friday 2026-03-06 22:30 UTC = 17:30 in New York: 5 business days → end of Friday 2026-03-13 local (EDT from 03-08).
    const resolved = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "resolved", at: "2026-03-06T22:30:00Z", note: "error rate at baseline" },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", instants: { resolvedAt: "2026-03-06T22:30:00.000Z" } });
    expect(resolved.body.postmortem.dueAt).toBe("2026-03-14T03:59:59.999Z");
    expect(resolved.body.postmortem.overdue).toBe(Date.now() > Date.parse("2026-03-14T03:59:59.999Z"));
    const stale = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "investigating", version: 2 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: "stale" });

    const reopened = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "investigating", at: "2026-03-07T01:00:00Z" },
    });
    expect(reopened.body).toMatchObject({
      status: "investigating",
      reopenCount: 1,
      instants: { resolvedAt: null, mitigatedAt: "2026-03-06T21:00:00.000Z" },
      postmortem: { dueAt: null },
    });
    const again = await call(status.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { status: "resolved", at: "2026-03-07T02:00:00Z" },
    });
    // Saturday 02:00 UTC = Friday 21:00 in New York → same deadline
    expect(again.body.postmortem.dueAt).toBe("2026-03-14T03:59:59.999Z");

    const statusEntries = (await entries(id))
      .filter((e) => !e.text.startsWith("Incident declared"))
      .map((e) => [e.at, e.text]);
    expect(statusEntries).toEqual([
      ["2026-03-06T21:00:00.000Z", "Status changed from investigating to mitigated"],
      ["2026-03-06T22:30:00.000Z", "Status changed from mitigated to resolved: error rate at baseline"],
      ["2026-03-07T01:00:00.000Z", "Reopened"],
      ["2026-03-07T02:00:00.000Z", "Status changed from investigating to resolved"],
    ]);

    // SEV-3 needs no postmortem deadline; upgrading it to SEV-1 recomputes one.
    const sev3 = await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: { severity: "SEV-3" },
    });
    expect(sev3.body.postmortem.dueAt).toBeNull();
    const sev1 = await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: { severity: "SEV-1" },
    });
    expect(sev1.body.postmortem.dueAt).toBe("2026-03-14T03:59:59.999Z");
    expect((await entries(id)).map((e) => e.text)).toContain("Severity changed from SEV-3 to SEV-1");
  });

  it("assigns roles (one commander at a time) and records each change in the timeline", async () => {
    const { body: inc } = await declare({});
    const id = inc.id;
    const ic = await call(roles.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { role: "commander", user: commanderUser.email },
    });
    expect(ic.status).toBe(200);
    expect(ic.body.commander).toMatchObject({ id: commanderUser.id });
    expect(ic.body.roles.filter((r: { role: string }) => r.role === "commander")).toHaveLength(1);
    const scribe = await call(roles.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { role: "scribe", user: editorUser.id },
    });
    expect(scribe.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(["commander", "scribe"]);
    expect(
      (
        await call(roles.POST, {
          method: "POST",
          token: editor,
          params: { id },
          body: { role: "scribe", user: editorUser.id },
        })
      ).status,
    ).toBe(409);
    const unknown = await call(roles.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { role: "captain", user: "nobody@example.com" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.role).toBeDefined();
    const removed = await call(roles.DELETE, {
      method: "DELETE",
      token: editor,
      params: { id },
      url: `/x?role=scribe&user=${editorUser.id}`,
    });
    expect(removed.body.roles.map((r: { role: string }) => r.role)).toEqual(["commander"]);
    const roleTexts = (await entries(id)).filter((e) => e.kind === "role_change").map((e) => e.text);
    expect(roleTexts).toHaveLength(3);
    expect(roleTexts[0]).toMatch(/is now incident commander \(relieving /);
    expect(roleTexts[2]).toMatch(/is no longer scribe/);
  });

  it("keeps a timeline: backdated entries in order, starred, edited with versions; system entries only starrable", async () => {
    const { body: inc } = await declare({});
    const id = inc.id;
    const past = await call(timeline.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { at: "2020-01-01T10:00:00Z", kind: "deploy", text: "Deployed v1.2.3" },
    });
    expect(past.status).toBe(201);
    expect(past.body).toMatchObject({ kind: "deploy", addedLater: true, starred: false, version: 1 });
    const starred = await call(entry.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id, entryId: past.body.id },
      body: { starred: true, text: "Deployed v1.2.4", version: 1 },
    });
    expect(starred.body).toMatchObject({ starred: true, text: "Deployed v1.2.4", version: 2 });
    const stale = await call(entry.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id, entryId: past.body.id },
      body: { text: "lost?", version: 1 },
    });
    expect(stale.status).toBe(409);
    const list = await entries(id);
    expect(list[0]!.id).toBe(past.body.id); // 2020 sorts before the declaration
    const system = list.find((e) => e.system)!;
    expect(
      (
        await call(entry.PATCH, {
          method: "PATCH",
          token: editor,
          params: { id, entryId: system.id },
          body: { text: "rewritten" },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call(entry.PATCH, {
          method: "PATCH",
          token: editor,
          params: { id, entryId: system.id },
          body: { starred: true },
        })
      ).body.starred,
    ).toBe(true);
    expect(
      (await call(entry.DELETE, { method: "DELETE", token: editor, params: { id, entryId: system.id } })).status,
    ).toBe(409);
    const badKind = await call(timeline.POST, {
      method: "POST",
      token: editor,
      params: { id },
      body: { kind: "status_change", text: "x" },
    });
    expect(badKind.status).toBe(422);
    expect(badKind.body.error.fields.kind).toBeDefined();
    const starredOnly = (await call(timeline.GET, { token: viewer, params: { id }, url: "/x?starred=true" })).body
      .items;
    expect(starredOnly.map((e: Entry) => e.id)).toEqual([past.body.id, system.id]);
    expect(
      (await call(entry.DELETE, { method: "DELETE", token: editor, params: { id, entryId: past.body.id } })).status,
    ).toBe(200);
    const log = await call(audit.GET, {
      url: `/api/v1/audit?entityType=timeline_entry&entityId=${past.body.id}`,
      token: admin,
    });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "timeline.delete",
      "timeline.update",
      "timeline.create",
    ]);
  });

  it("lets editors of an affected service's team edit, and refuses viewers and outsiders (403)", async () => {
    const { body: inc } = await declare({ services: ["inc-life-api", "inc-life-db"] });
    expect(inc.team.slug).toBe("inc-life");
    const id = inc.id;
    // outsider edits the other team's service, which is affected → may edit
    expect(
      (await call(timeline.POST, { method: "POST", token: outsider, params: { id }, body: { text: "db looks fine" } }))
        .status,
    ).toBe(201);
    const { body: apiOnly } = await declare({});
    expect(
      (await call(timeline.POST, { method: "POST", token: outsider, params: { id: apiOnly.id }, body: { text: "x" } }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(incident.PATCH, {
          method: "PATCH",
          token: viewer,
          params: { id: apiOnly.id },
          body: { title: "viewer edit" },
        })
      ).status,
    ).toBe(403);
    expect((await declare({}, viewer)).status).toBe(403);
    expect((await call(incident.GET, { token: viewer, params: { id: apiOnly.id } })).status).toBe(200);
    expect((await call(incident.GET, { token: viewer, params: { id: "does-not-exist" } })).status).toBe(404);
  });

  it("lists incidents with filters and pagination", async () => {
    await declare(
      { title: "Filter me please", severity: "SEV-1", services: ["inc-life-db"], team: "inc-life-other" },
      admin,
    );
    const bySeverity = await call(incidents.GET, { token: viewer, url: "/x?severity=SEV-1&team=inc-life-other" });
    expect(bySeverity.body.items.map((i: { title: string }) => i.title)).toEqual(["Filter me please"]);
    const byService = await call(incidents.GET, { token: viewer, url: "/x?service=inc-life-db&q=filter" });
    expect(byService.body.total).toBe(1);
    const page = await call(incidents.GET, { token: viewer, url: "/x?team=inc-life&pageSize=2&page=1" });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const open = await call(incidents.GET, { token: viewer, url: "/x?status=open&pageSize=200" });
    expect(open.body.items.every((i: { status: string }) => i.status !== "resolved")).toBe(true);
    expect((await call(incidents.GET, { token: viewer, url: "/x?severity=SEV-5" })).status).toBe(422);
  });

  it("escalates a page into an incident once: service copied, page entry in the timeline, page linked", async () => {
    const db = await getDb();
    const service = await db.service.findUniqueOrThrow({ where: { slug: "inc-life-api" } });
    const page = await db.page.create({
      data: {
        groupKey: "g1",
        title: "HighErrorRate inc-life-api",
        serviceId: service.id,
        status: "acknowledged",
        openedAt: new Date("2026-03-10T08:00:00Z"),
        acknowledgedAt: new Date("2026-03-10T08:03:00Z"),
      },
    });
    const res = await call(fromPage.POST, {
      method: "POST",
      token: editor,
      params: { pageId: page.id },
      body: { severity: "SEV-1" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      title: "HighErrorRate inc-life-api",
      severity: "SEV-1",
      services: [{ slug: "inc-life-api" }],
      instants: { detectedAt: "2026-03-10T08:00:00.000Z", acknowledgedAt: "2026-03-10T08:03:00.000Z" },
      pages: [{ id: page.id }],
    });
    const pageEntry = (await entries(res.body.id)).find((e) => e.kind === "page")!;
    expect(pageEntry).toMatchObject({ at: "2026-03-10T08:00:00.000Z", starred: true });
    expect(pageEntry.text).toContain("HighErrorRate inc-life-api");
    const linked = await db.page.findUniqueOrThrow({ where: { id: page.id }, include: { events: true } });
    expect(linked.incidentId).toBe(res.body.id);
    expect(linked.events.map((e) => e.kind)).toEqual(["escalated_to_incident"]);
    const twice = await call(fromPage.POST, { method: "POST", token: editor, params: { pageId: page.id }, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(res.body.key);
    expect(
      (await call(fromPage.POST, { method: "POST", token: editor, params: { pageId: "nope" }, body: {} })).status,
    ).toBe(404);
    const orphan = await db.page.create({ data: { groupKey: "g2", title: "No service", openedAt: new Date() } });
    const noService = await call(fromPage.POST, {
      method: "POST",
      token: editor,
      params: { pageId: orphan.id },
      body: {},
    });
    expect(noService.status).toBe(422);
    expect(noService.body.error.fields.services).toBeDefined();
  });

  it("audits every incident change and deletes an incident with its postmortem", async () => {
    const { body: inc } = await declare({});
    await call(incident.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id: inc.id },
      body: { title: "Renamed", version: 1 },
    });
    await call(status.POST, { method: "POST", token: editor, params: { id: inc.id }, body: { status: "resolved" } });
    const pm = await call(incidentPostmortem.GET, { token: viewer, params: { id: inc.id } });
    expect(pm.status).toBe(200);
    expect((await call(incident.DELETE, { method: "DELETE", token: editor, params: { id: inc.id } })).body).toEqual({
      deleted: inc.key,
    });
    expect((await call(incident.GET, { token: viewer, params: { id: inc.id } })).status).toBe(404);
    const log = await call(audit.GET, { url: `/api/v1/audit?entityType=incident&entityId=${inc.id}`, token: admin });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "incident.delete",
      "incident.status",
      "incident.update",
      "incident.create",
    ]);
    expect(log.body.items[2].before.title).toBe("API errors");
    expect(log.body.items[2].after.title).toBe("Renamed");
  });
});
