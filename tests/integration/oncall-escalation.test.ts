import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as schedule from "@/app/api/v1/schedules/[id]/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as policy from "@/app/api/v1/escalation-policies/[id]/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as integration from "@/app/api/v1/integrations/[id]/route";
import * as rotate from "@/app/api/v1/integrations/[id]/token/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as page from "@/app/api/v1/pages/[id]/route";
import * as ack from "@/app/api/v1/pages/[id]/ack/route";
import { escalateDuePages } from "@/lib/services/oncall/escalation";
import { call, userWithToken } from "./helpers/api";

const MINUTE = 60_000;
type U = { email: string; token: string; id: string };
type PageEvent = { kind: string; step: number | null; users: { id: string }[]; detail: { round?: number } };

const firing = (groupKey: string, service: string) => ({
  version: "4",
  status: "firing",
  receiver: "srecp",
  groupKey,
  truncatedAlerts: 0,
  externalURL: "http://am.local",
  groupLabels: { alertname: groupKey },
  commonLabels: { alertname: groupKey, service },
  commonAnnotations: {},
  alerts: [
    {
      status: "firing",
      labels: { alertname: groupKey, service },
      annotations: {},
      startsAt: new Date().toISOString(),
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "",
      fingerprint: `fp-${groupKey}`,
    },
  ],
});

describe("escalation policies, integrations and the escalation engine", () => {
  let admin: U, ed: U, viewer: U, outsider: U, p1: U, p2: U, p3: U;
  let emptyScheduleId: string;
  let token: string;
  let integrationId: string;

  beforeAll(async () => {
    admin = await userWithToken("admin");
    for (const slug of ["esc-team", "esc-other"])
      expect((await call(teams.POST, { method: "POST", token: admin.token, body: { slug, name: slug } })).status).toBe(
        201,
      );
    ed = await userWithToken("editor", ["esc-team"]);
    viewer = await userWithToken("viewer", ["esc-team"]);
    outsider = await userWithToken("editor", ["esc-other"]);
    [p1, p2, p3] = (await Promise.all([1, 2, 3].map(() => userWithToken("editor", ["esc-team"])))) as [U, U, U];
    for (const [slug, team, by] of [
      ["esc-api", "esc-team", ed],
      ["esc-db", "esc-team", ed],
      ["esc-foreign", "esc-other", outsider],
    ] as const) {
      expect(
        (await call(services.POST, { method: "POST", token: by.token, body: { slug, name: slug, team } })).status,
      ).toBe(201);
    }
    // A schedule with nobody in it (E13): its escalation step resolves to nobody.
    const empty = await call(schedules.POST, {
      method: "POST",
      token: ed.token,
      body: { team: "esc-team", name: "Empty", timezone: "UTC" },
    });
    emptyScheduleId = empty.body.id;
    const created = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "esc-am",
        routes: [{ matchers: [{ label: "service", op: "=", value: "api" }], service: "esc-api" }],
        defaultService: "esc-db",
      },
    });
    expect(created.status).toBe(201);
    token = created.body.token;
    integrationId = created.body.id;
  });

  it("creates, reads, updates and deletes policies; services point at them through the policy", async () => {
    const body = {
      team: "esc-team",
      name: "API",
      repeat: 1,
      services: ["esc-api"],
      steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: p1.id }] }],
    };
    const created = await call(policies.POST, { method: "POST", token: ed.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "API",
      repeat: 1,
      version: 1,
      team: { slug: "esc-team" },
      services: [{ slug: "esc-api" }],
      steps: [{ position: 0, delayMinutes: 5, targets: [{ kind: "user", userId: p1.id, user: { id: p1.id } }] }],
    });
    expect((await call(policies.POST, { method: "POST", token: ed.token, body })).status).toBe(409);

    const id = created.body.id;
    const updated = await call(policy.PATCH, {
      method: "PATCH",
      token: ed.token,
      params: { id },
      body: {
        version: 1,
        services: ["esc-db"],
        steps: [
          { delayMinutes: 1, targets: [{ kind: "user", userId: p2.id }] },
          { delayMinutes: 2, targets: [{ kind: "schedule", scheduleId: emptyScheduleId }] },
        ],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      version: 2,
      services: [{ slug: "esc-db" }],
      steps: [
        { position: 0, delayMinutes: 1 },
        { position: 1, targets: [{ kind: "schedule", schedule: { id: emptyScheduleId, name: "Empty" } }] },
      ],
    });
    expect(
      (
        await call(policy.PATCH, {
          method: "PATCH",
          token: ed.token,
          params: { id },
          body: { version: 1, name: "stale" },
        })
      ).status,
    ).toBe(409);
    const listed = await call(policies.GET, { token: viewer.token, url: "/x?team=esc-team" });
    expect(listed.body.items.map((p: { name: string }) => p.name)).toEqual(["API"]);

    // A schedule an escalation step targets cannot be deleted.
    const del = await call(schedule.DELETE, { method: "DELETE", token: ed.token, params: { id: emptyScheduleId } });
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/"API"/);

    expect((await call(policy.DELETE, { method: "DELETE", token: viewer.token, params: { id } })).status).toBe(403);
    expect((await call(policy.DELETE, { method: "DELETE", token: ed.token, params: { id } })).status).toBe(200);
    expect((await call(policy.GET, { token: viewer.token, params: { id } })).status).toBe(404);
  });

  it("validates policies: 422 naming steps, targets and services; 403 for viewers and other teams", async () => {
    const bad = await call(policies.POST, {
      method: "POST",
      token: ed.token,
      body: {
        team: "esc-team",
        name: "",
        repeat: 12,
        steps: [
          { delayMinutes: 0, targets: [] },
          { delayMinutes: 5, targets: [{ kind: "pager" }] },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      "name",
      "repeat",
      "steps.0.delayMinutes",
      "steps.0.targets",
      "steps.1.targets.0.kind",
    ]);
    const refs = await call(policies.POST, {
      method: "POST",
      token: ed.token,
      body: {
        team: "esc-team",
        name: "Refs",
        services: ["esc-foreign", "nope"],
        steps: [
          {
            delayMinutes: 5,
            targets: [
              { kind: "user", userId: "ghost" },
              { kind: "schedule", scheduleId: "ghost" },
            ],
          },
        ],
      },
    });
    expect(refs.status).toBe(422);
    expect(refs.body.error.fields).toEqual({
      "steps.0.targets.0.userId": 'unknown user "ghost"',
      "steps.0.targets.1.scheduleId": 'unknown schedule "ghost"',
      "services.0": 'service "esc-foreign" belongs to another team',
      "services.1": 'unknown service "nope"',
    });
    const ok = {
      team: "esc-team",
      name: "X",
      steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: p1.id }] }],
    };
    expect((await call(policies.POST, { method: "POST", token: viewer.token, body: ok })).status).toBe(403);
    expect((await call(policies.POST, { method: "POST", token: outsider.token, body: ok })).status).toBe(403);
  });

  it("integrations: admins only; routes are validated; the token is shown once and can be rotated", async () => {
    expect((await call(integrations.POST, { method: "POST", token: ed.token, body: { name: "mine" } })).status).toBe(
      403,
    );
    expect((await call(integrations.GET, { token: viewer.token })).status).toBe(403);
    const bad = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "bad",
        routes: [
          { matchers: [{ label: "1x", op: "~", value: "(" }], service: "esc-api" },
          { matchers: [{ label: "a", op: "=~", value: "(" }], service: "nope" },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      "routes.0.matchers.0.label",
      "routes.0.matchers.0.op",
      "routes.1.matchers.0.value",
    ]);
    const unknown = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: "bad2", routes: [{ matchers: [], service: "nope" }], defaultService: "nope" },
    });
    expect(unknown.body.error.fields).toEqual({
      "routes.0.service": 'unknown service "nope"',
      defaultService: 'unknown service "nope"',
    });

    const listed = await call(integrations.GET, { token: admin.token });
    const mine = listed.body.items.find((i: { id: string }) => i.id === integrationId);
    expect(mine).toMatchObject({
      name: "esc-am",
      defaultService: "esc-db",
      webhookPath: "/api/v1/integrations/alertmanager",
    });
    expect(mine.token).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const patched = await call(integration.PATCH, {
      method: "PATCH",
      token: admin.token,
      params: { id: integrationId },
      body: {
        routes: [
          { matchers: [{ label: "service", op: "=", value: "api" }], service: "esc-api" },
          { matchers: [{ label: "team", op: "=", value: "db" }], service: "esc-db" },
        ],
      },
    });
    expect(patched.body.routes).toHaveLength(2);
    const rotated = await call(rotate.POST, { method: "POST", token: admin.token, params: { id: integrationId } });
    expect(rotated.body.token).not.toBe(token);
    expect((await call(webhook.POST, { method: "POST", token, body: firing("old-token", "api") })).status).toBe(401);
    token = rotated.body.token;
  });

  it("routes by the first matching route, else the default service", async () => {
    const viaRoute = await call(webhook.POST, { method: "POST", token, body: firing("routed", "api") });
    const viaDefault = await call(webhook.POST, { method: "POST", token, body: firing("defaulted", "unknown") });
    expect(
      (await call(page.GET, { token: viewer.token, params: { id: viaRoute.body.pageId } })).body.service.slug,
    ).toBe("esc-api");
    expect(
      (await call(page.GET, { token: viewer.token, params: { id: viaDefault.body.pageId } })).body.service.slug,
    ).toBe("esc-db");
  });

  it("E13 + E29: an empty schedule step is skipped at once; steps repeat as planned until the policy is exhausted", async () => {
    const created = await call(policies.POST, {
      method: "POST",
      token: ed.token,
      body: {
        team: "esc-team",
        name: "Plan",
        repeat: 2,
        services: ["esc-api"],
        steps: [
          {
            delayMinutes: 5,
            targets: [
              { kind: "schedule", scheduleId: emptyScheduleId },
              { kind: "user", userId: p1.id },
            ],
          },
          { delayMinutes: 10, targets: [{ kind: "schedule", scheduleId: emptyScheduleId }] },
          { delayMinutes: 15, targets: [{ kind: "user", userId: p3.id }] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const opened = await call(webhook.POST, { method: "POST", token, body: firing("plan", "api") });
    const id = opened.body.pageId;
    const t0 = Date.parse((await call(page.GET, { token: viewer.token, params: { id } })).body.openedAt);
    // Worker ticks at +0, +5, +15, +30, … (E29: +0, +5, +15, +30, +35, +45, +60, +65, +75).
    for (const minutes of [1, 5, 15, 30, 35, 45, 60, 65, 75, 120]) await escalateDuePages(t0 + minutes * MINUTE);
    const events: PageEvent[] = (await call(page.GET, { token: viewer.token, params: { id } })).body.events;
    const notified = events
      .filter((e) => e.kind === "notified")
      .map((e) => [e.detail.round, e.step, e.users.map((u) => u.id)]);
    const p1Only = [p1.id];
    expect(notified).toEqual([
      [0, 0, p1Only],
      [0, 1, []],
      [0, 2, [p3.id]],
      [1, 0, p1Only],
      [1, 1, []],
      [1, 2, [p3.id]],
      [2, 0, p1Only],
      [2, 1, []],
      [2, 2, [p3.id]],
    ]);
    expect(events.at(-1)!.kind).toBe("exhausted");
    expect((await call(page.GET, { token: viewer.token, params: { id } })).body.nextEscalationAt).toBeNull();
  });

  it("an acknowledgement racing with the worker: exactly one wins, and nothing is notified after the ack", async () => {
    const opened = await call(webhook.POST, { method: "POST", token, body: firing("race", "api") });
    const id = opened.body.pageId;
    const t0 = Date.parse((await call(page.GET, { token: viewer.token, params: { id } })).body.openedAt);
    const [esc, acked] = await Promise.all([
      escalateDuePages(t0 + 5 * MINUTE + 1),
      call(ack.POST, { method: "POST", token: p1.token, params: { id } }),
    ]);
    expect(acked.status).toBe(200);
    const events: PageEvent[] = (await call(page.GET, { token: viewer.token, params: { id } })).body.events;
    const ackIndex = events.findIndex((e) => e.kind === "acknowledged");
    expect(events.slice(ackIndex + 1)).toEqual([]);
    const escalatedHere = esc.notifications.filter((n) => n.pageId === id).length;
    expect(events.filter((e) => e.kind === "notified")).toHaveLength(1 + (escalatedHere ? 2 : 0)); // step 1 + (step 2 empty, step 3) when the worker won
    expect((await escalateDuePages(t0 + 90 * MINUTE)).notifications.filter((n) => n.pageId === id)).toEqual([]);
  });

  it("an acknowledgement applied after an escalation sorts after it on the timeline (the worker won the race)", async () => {
    const opened = await call(webhook.POST, { method: "POST", token, body: firing("race-after", "api") });
    const id = opened.body.pageId;
    const t0 = Date.parse((await call(page.GET, { token: viewer.token, params: { id } })).body.openedAt);
    const esc = await escalateDuePages(t0 + 5 * MINUTE + 1);
    expect(esc.notifications.some((n) => n.pageId === id)).toBe(true);
    // The acknowledgement was requested before the escalation's instant but is applied after it.
    const { acknowledgePage } = await import("@/lib/services/oncall/pages");
    const { actorForToken } = await import("@/lib/services/users");
    await acknowledgePage((await actorForToken(p1.token))!, id, t0 + MINUTE);
    const events: PageEvent[] = (await call(page.GET, { token: viewer.token, params: { id } })).body.events;
    expect(events.at(-1)!.kind).toBe("acknowledged");
    expect(events.filter((e) => e.kind === "notified")).toHaveLength(3);
  });
});
