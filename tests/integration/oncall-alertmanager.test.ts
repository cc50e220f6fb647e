import http from "node:http";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as oncall from "@/app/api/v1/schedules/[id]/oncall/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as policyOncall from "@/app/api/v1/escalation-policies/[id]/oncall/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as integration from "@/app/api/v1/integrations/[id]/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as pages from "@/app/api/v1/pages/route";
import * as page from "@/app/api/v1/pages/[id]/route";
import * as ack from "@/app/api/v1/pages/[id]/ack/route";
import * as resolve from "@/app/api/v1/pages/[id]/resolve/route";
import * as schedule from "@/app/api/v1/schedules/[id]/route";
import { escalateDuePages } from "@/lib/services/oncall/escalation";
import { pagesThroughSchedule } from "@/lib/services/oncall/health";
import { startAlertmanager, type AlertmanagerHandle } from "../harness/alertmanager";
import { freePort } from "../harness/process";
import { call, userWithToken } from "./helpers/api";

// A real Alertmanager (Debian package) notifies a local HTTP server, which hands each request to the
// webhook route handler in-process: Alertmanager → real HTTP → our handler.

const MINUTE = 60_000;
type U = { email: string; token: string; id: string };
type Delivery = { status: number; body: { action: string; pageId: string | null }; payload: Record<string, unknown> };
type PageEvent = { kind: string; step: number | null; users: { id: string }[]; detail: Record<string, unknown> };

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("pages from a real Alertmanager", () => {
  let admin: U, ana: U, ben: U, carl: U, viewer: U, outsider: U;
  let am: AlertmanagerHandle;
  let server: http.Server;
  let integrationToken: string;
  let integrationId: string;
  let scheduleId: string;
  let policyId: string;
  let onCallNow: string;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "am-team", name: "AM team", timezone: "Europe/Berlin" },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "am-other", name: "AM other" } }))
        .status,
    ).toBe(201);
    [ana, ben, carl] = (await Promise.all([1, 2, 3].map(() => userWithToken("editor", ["am-team"])))) as [U, U, U];
    viewer = await userWithToken("viewer", ["am-team"]);
    outsider = await userWithToken("editor", ["am-other"]);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: ana.token,
          body: { slug: "am-checkout", name: "Checkout", team: "am-team" },
        })
      ).status,
    ).toBe(201);

    // A weekly rotation that already runs: whoever it puts on call now is paged.
    const monday = DateTime.now().setZone("Europe/Berlin").startOf("week").minus({ weeks: 1 }).toUTC().toISO()!;
    const sched = await call(schedules.POST, {
      method: "POST",
      token: ana.token,
      body: {
        team: "am-team",
        name: "AM primary",
        timezone: "Europe/Berlin",
        layers: [
          {
            name: "Primary",
            rotation: { unit: "week", every: 1 },
            handoffTime: "09:00",
            startAt: monday,
            participants: [ana.id, ben.id],
          },
        ],
      },
    });
    expect(sched.status).toBe(201);
    scheduleId = sched.body.id;
    onCallNow = (await call(oncall.GET, { token: viewer.token, params: { id: scheduleId } })).body.users[0].id;
    expect([ana.id, ben.id]).toContain(onCallNow);

    const policy = await call(policies.POST, {
      method: "POST",
      token: ana.token,
      body: {
        team: "am-team",
        name: "Checkout escalation",
        services: ["am-checkout"],
        steps: [
          { delayMinutes: 5, targets: [{ kind: "schedule", scheduleId }] },
          { delayMinutes: 10, targets: [{ kind: "user", userId: carl.id }] },
        ],
      },
    });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
    expect(policy.body.services).toEqual([expect.objectContaining({ slug: "am-checkout" })]);

    const created = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "Alertmanager prod",
        routes: [{ matchers: [{ label: "service", op: "=~", value: "checkout|cart" }], service: "am-checkout" }],
      },
    });
    expect(created.status).toBe(201);
    integrationToken = created.body.token;
    integrationId = created.body.id;
    expect(integrationToken).toMatch(/^srecp_am_/);

    const port = await freePort();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const request = new Request("http://test.local/api/v1/integrations/alertmanager", {
          method: req.method,
          headers: {
            "content-type": "application/json",
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          },
          body: text,
        });
        void webhook.POST(request, { params: Promise.resolve({}) }).then(async (response) => {
          const body = await response.text();
          deliveries.push({ status: response.status, body: JSON.parse(body), payload: JSON.parse(text) });
          res.writeHead(response.status, { "content-type": "application/json" }).end(body);
        });
      });
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    am = await startAlertmanager({
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      bearerToken: integrationToken,
      repeatInterval: "2s",
    });
  });

  afterAll(async () => {
    await am?.stop();
    await new Promise((r) => server?.close(r));
  });

  const alert = {
    labels: { alertname: "CheckoutErrors", service: "checkout", severity: "page" },
    annotations: { summary: "checkout 5xx above 1 %" },
    generatorURL: "http://prometheus.local/graph",
  };
  let firstPageId: string;

  it("opens exactly one page for the on-call person and deduplicates Alertmanager's repeated deliveries", async () => {
    await am.postAlerts([{ ...alert, startsAt: new Date().toISOString() }]);
    const opened = await waitFor("the first delivery", async () => deliveries.find((d) => d.body.action === "opened"));
    expect(opened.status).toBe(201);
    expect(opened.payload).toMatchObject({
      version: "4",
      status: "firing",
      groupKey: expect.stringContaining("CheckoutErrors"),
      commonLabels: alert.labels,
    });
    firstPageId = opened.body.pageId!;

    // repeat_interval 2 s: Alertmanager sends the same group again; it must not open another page.
    await waitFor("a redelivery", async () => deliveries.some((d) => d.body.action === "redelivered"));
    const list = await call(pages.GET, { token: viewer.token, url: "/x?status=open&service=am-checkout" });
    expect(list.body.total).toBe(1);
    const p = list.body.items[0];
    expect(p).toMatchObject({
      id: firstPageId,
      title: "checkout 5xx above 1 %",
      severity: "page",
      status: "triggered",
      service: { slug: "am-checkout" },
      currentStep: 0,
    });
    expect(p.notified.map((u: { id: string }) => u.id)).toEqual([onCallNow]);
    expect(p.deliveries).toBeGreaterThanOrEqual(2);

    // Re-posting the same payload ourselves is a redelivery too.
    const again = await call(webhook.POST, { method: "POST", token: integrationToken, body: opened.payload });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ action: "redelivered", pageId: firstPageId });
    const detail = await call(page.GET, { token: viewer.token, params: { id: firstPageId } });
    const kinds = detail.body.events.map((e: PageEvent) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(["opened", "notified"]);
    expect(kinds.slice(2).every((k: string) => k === "redelivered")).toBe(true);
    expect(detail.body.events[1]).toMatchObject({
      step: 0,
      users: [{ id: onCallNow }],
      detail: { scheduleIds: [scheduleId], bySchedule: { [scheduleId]: [onCallNow] } },
    });
    expect(detail.body.deliveries).toBe(kinds.length - 1);
  });

  it("escalates to the next step after the step delay when nobody acknowledges", async () => {
    const before = await call(page.GET, { token: viewer.token, params: { id: firstPageId } });
    const openedAt = Date.parse(before.body.openedAt);
    expect(Date.parse(before.body.nextEscalationAt)).toBe(openedAt + 5 * MINUTE);

    expect((await escalateDuePages(openedAt + 4 * MINUTE)).pages).toBe(0);
    const result = await escalateDuePages(openedAt + 5 * MINUTE + 1000);
    expect(result.pages).toBe(1);
    expect(result.notifications).toEqual([
      expect.objectContaining({ pageId: firstPageId, userIds: [carl.id], stepIndex: 1, reason: "escalated" }),
    ]);

    const after = await call(page.GET, { token: viewer.token, params: { id: firstPageId } });
    expect(after.body).toMatchObject({ status: "triggered", currentStep: 1, nextEscalationAt: null });
    expect(after.body.notified.map((u: { id: string }) => u.id).sort()).toEqual([onCallNow, carl.id].sort());
    const tail = after.body.events
      .filter((e: PageEvent) => e.kind !== "redelivered")
      .map((e: PageEvent) => [e.kind, e.step, e.users.map((u) => u.id)]);
    expect(tail).toEqual([
      ["opened", null, []],
      ["notified", 0, [onCallNow]],
      ["escalated", 1, []],
      ["notified", 1, [carl.id]],
      ["exhausted", null, []],
    ]);
    // Nothing more to do: the policy (repeat 0) is exhausted.
    expect((await escalateDuePages(openedAt + 60 * MINUTE)).pages).toBe(0);
  });

  it("a second group with the same summary is a second page; acknowledging it stops its escalation", async () => {
    await am.postAlerts([
      { ...alert, labels: { ...alert.labels, alertname: "CheckoutLatency" }, startsAt: new Date().toISOString() },
    ]);
    const opened = await waitFor("the second group", async () =>
      deliveries.find((d) => d.body.action === "opened" && d.body.pageId !== firstPageId),
    );
    const secondId = opened.body.pageId!;
    expect((await call(pages.GET, { token: viewer.token, url: "/x?status=open&service=am-checkout" })).body.total).toBe(
      2,
    );

    expect((await call(ack.POST, { method: "POST", token: outsider.token, params: { id: secondId } })).status).toBe(
      403,
    );
    const acked = await call(ack.POST, {
      method: "POST",
      token: onCallNow === ana.id ? ana.token : ben.token,
      params: { id: secondId },
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: { id: onCallNow },
      nextEscalationAt: null,
    });
    const openedAt = Date.parse(acked.body.openedAt);
    expect((await escalateDuePages(openedAt + 30 * MINUTE)).notifications.filter((n) => n.pageId === secondId)).toEqual(
      [],
    );
    const events = (await call(page.GET, { token: viewer.token, params: { id: secondId } })).body.events.map(
      (e: PageEvent) => e.kind,
    );
    expect(events.filter((k: string) => k !== "redelivered")).toEqual(["opened", "notified", "acknowledged"]);

    // A viewer who was not paged cannot respond (issue 12, finding 5); an editor of the team can.
    expect((await call(resolve.POST, { method: "POST", token: viewer.token, params: { id: secondId } })).status).toBe(
      403,
    );
    const resolved = await call(resolve.POST, { method: "POST", token: carl.token, params: { id: secondId } });
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedBy: carl.email });
    expect((await call(ack.POST, { method: "POST", token: carl.token, params: { id: secondId } })).status).toBe(409);
  });

  it("closes the page when Alertmanager sends the group resolved", async () => {
    await am.postAlerts([
      { ...alert, startsAt: new Date(Date.now() - MINUTE).toISOString(), endsAt: new Date().toISOString() },
    ]);
    const resolved = await waitFor("the resolved delivery", async () =>
      deliveries.find((d) => d.body.action === "resolved" && d.body.pageId === firstPageId),
    );
    expect(resolved.payload).toMatchObject({ status: "resolved" });
    const closed = await call(page.GET, { token: viewer.token, params: { id: firstPageId } });
    expect(closed.body).toMatchObject({ status: "resolved", resolvedBy: "alertmanager", nextEscalationAt: null });
    expect(Object.values(closed.body.alerts)).toEqual(["resolved"]);
    expect((await call(pages.GET, { token: viewer.token, url: "/x?status=open&service=am-checkout" })).body.total).toBe(
      0,
    );
    // A late copy of the resolved notification finds nothing open.
    expect(
      (await call(webhook.POST, { method: "POST", token: integrationToken, body: resolved.payload })).body,
    ).toEqual({ action: "ignored", pageId: null });
    expect(
      (await call(pages.GET, { token: viewer.token, url: "/x?service=am-checkout&status=resolved" })).body.total,
    ).toBe(2);
  });

  it("refuses bad tokens (401) and bad payloads (422 naming fields); pages unrouted groups without paging anyone", async () => {
    const payload = deliveries[0]!.payload;
    expect((await call(webhook.POST, { method: "POST", token: "srecp_am_nope", body: payload })).status).toBe(401);
    expect((await call(webhook.POST, { method: "POST", body: payload })).status).toBe(401);
    const bad = await call(webhook.POST, {
      method: "POST",
      token: integrationToken,
      body: {
        ...payload,
        groupKey: undefined,
        version: "3",
        alerts: [{ status: "firing", labels: {}, startsAt: "x" }],
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["alerts.0.fingerprint", "groupKey", "version"]);

    const unrouted = await call(webhook.POST, {
      method: "POST",
      token: integrationToken,
      body: {
        ...payload,
        status: "firing",
        groupKey: '{}:{alertname="Disk"}',
        groupLabels: { alertname: "Disk" },
        commonLabels: { alertname: "Disk", service: "storage" },
        alerts: [
          { ...(payload.alerts as object[])[0], labels: { alertname: "Disk", service: "storage" }, fingerprint: "abc" },
        ],
      },
    });
    expect(unrouted.status).toBe(201);
    const p = await call(page.GET, { token: viewer.token, params: { id: unrouted.body.pageId } });
    expect(p.body).toMatchObject({ service: null, notified: [], nextEscalationAt: null });
    expect(p.body.events.map((e: PageEvent) => e.kind)).toEqual(["opened", "not_paged"]);

    // A revoked integration's token stops working at once.
    expect(
      (await call(integration.DELETE, { method: "DELETE", token: ana.token, params: { id: integrationId } })).status,
    ).toBe(403);
    expect(
      (await call(integration.DELETE, { method: "DELETE", token: admin.token, params: { id: integrationId } })).status,
    ).toBe(200);
    expect((await call(webhook.POST, { method: "POST", token: integrationToken, body: payload })).status).toBe(401);
  });

  it("shows who step 1 pages now through the policy", async () => {
    const res = await call(policyOncall.GET, { token: viewer.token, params: { id: policyId } });
    expect(res.body.steps[0]).toMatchObject({
      position: 0,
      delayMinutes: 5,
      users: [{ id: onCallNow }],
      targets: [{ kind: "schedule", schedule: { id: scheduleId, name: "AM primary" } }],
    });
    expect(res.body.steps[1].users.map((u: { id: string }) => u.id)).toEqual([carl.id]);
  });

  it("counts the pages people got through the schedule for rotation health", async () => {
    // Both alert groups paged the on-call person at step 1 through the schedule (carl was paged directly).
    const pagesViaSchedule = await pagesThroughSchedule(scheduleId, Date.now() - 60 * MINUTE);
    expect(pagesViaSchedule.map((p) => p.userId)).toEqual([onCallNow, onCallNow]);
    const health = (await call(schedule.GET, { token: viewer.token, params: { id: scheduleId } })).body.health.map(
      (w: { code: string }) => w.code,
    );
    expect(health).toEqual(expect.arrayContaining(["SMALL_TEAM", "OVERLOADED_PERSON"]));
    expect(health).not.toContain("GAPS");
  });
});
