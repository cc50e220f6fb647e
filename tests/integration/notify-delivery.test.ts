import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as page from "@/app/api/v1/pages/[id]/route";
import * as ack from "@/app/api/v1/pages/[id]/ack/route";
import * as escalate from "@/app/api/v1/pages/[id]/escalate/route";
import * as pageAction from "@/app/api/v1/page-actions/[token]/route";
import * as home from "@/app/api/v1/home/route";
import { getDb } from "@/lib/db";
import { homeFor } from "@/lib/services/home";
import { actorForUserId } from "@/lib/services/users";
import { escalateDuePages } from "@/lib/services/oncall/escalation";
import { deliverDueNotifications, type DeliveryScope } from "@/lib/services/notify/deliver";
import { sealMethodSecret, sealTarget } from "@/lib/services/notify/contact-secrets";
import { useActionLink } from "@/lib/services/notify/page-actions";
import { startAlertmanager, type AlertmanagerHandle } from "../harness/alertmanager";
import { startReceiver, type ReceiverHandle } from "../harness/http-receiver";
import { freePort } from "../harness/process";
import { startSmtp, type SmtpHandle } from "../harness/smtp";
import { call, userWithToken } from "./helpers/api";

// Delivery end to end against real servers: Alertmanager → page → e-mail over SMTP (smtp-server) with a
// one-time acknowledge link; escalation to step 2; signed webhooks with retries; exactly-once under
// concurrent workers. Contact methods are inserted as rows (sealed as the app seals them): verifying
// them is the contact-method service's business, tested with it.

const MINUTE = 60_000;
const SECRET = "receiver-shared-secret";
type U = { email: string; token: string; id: string };

const firing = (groupKey: string, service: string, annotations: Record<string, string> = {}) => ({
  version: "4",
  status: "firing",
  receiver: "srecp",
  groupKey,
  truncatedAlerts: 0,
  externalURL: "http://am.local",
  groupLabels: { alertname: groupKey },
  commonLabels: { alertname: groupKey, service, severity: "page" },
  commonAnnotations: annotations,
  alerts: [
    {
      status: "firing",
      labels: { alertname: groupKey, service },
      annotations,
      startsAt: new Date().toISOString(),
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "",
      fingerprint: `fp-${groupKey}`,
    },
  ],
});

let n = 0;
async function method(userId: string, kind: "email" | "webhook", target: string) {
  n += 1;
  const db = await getDb();
  return db.contactMethod.create({
    data: {
      userId,
      kind,
      name: `${kind} ${n}`,
      targetSealed: sealTarget(target),
      targetLabel: kind === "email" ? target : new URL(target).host,
      secretSealed: kind === "webhook" ? sealMethodSecret(SECRET) : null,
      verifiedAt: new Date(),
    },
  });
}

const tokenOf = (text: string, label: string) => {
  const url = new RegExp(`${label}: (http\\S+/api/v1/page-actions/([\\w-]+))`).exec(text);
  if (!url) throw new Error(`no ${label} link in: ${text}`);
  return url[2]!;
};

describe("notification delivery (issue 13)", () => {
  let admin: U, dana: U, erik: U, hook: U, down: U, bulk: U;
  let smtp: SmtpHandle, receiver: ReceiverHandle;
  let am: AlertmanagerHandle, forward: http.Server;
  let amToken: string;
  let deadUrl: string;
  const opened: string[] = [];
  // The integration files share one database: every pass delivers (and counts) only this file's recipients,
  // so rows other files left pending are neither sent at this file's simulated future instants nor counted.
  let scope: DeliveryScope;
  let foreignRowId: string;
  const deliver = (nowMs = Date.now()) => deliverDueNotifications(nowMs, scope);

  async function service(slug: string, steps: { delayMinutes: number; userId: string }[]) {
    expect(
      (await call(services.POST, { method: "POST", token: admin.token, body: { slug, name: slug, team: "nd-team" } }))
        .status,
    ).toBe(201);
    const p = await call(policies.POST, {
      method: "POST",
      token: admin.token,
      body: {
        team: "nd-team",
        name: slug,
        services: [slug],
        steps: steps.map((s) => ({ delayMinutes: s.delayMinutes, targets: [{ kind: "user", userId: s.userId }] })),
      },
    });
    expect(p.status).toBe(201);
    return p.body.id as string;
  }

  async function open(groupKey: string, svc: string) {
    const res = await webhook.POST(
      new Request("http://test.local/api/v1/integrations/alertmanager", {
        method: "POST",
        headers: { authorization: `Bearer ${amToken}`, "content-type": "application/json" },
        body: JSON.stringify(firing(groupKey, svc)),
      }),
      { params: Promise.resolve({}) },
    );
    const body = (await res.json()) as { pageId: string; action: string };
    expect(body.action).toBe("opened");
    return body.pageId;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver(SECRET);
    // before anything reads lib/env (it is read once)
    process.env.SMTP_URL = smtp.url;
    process.env.SMTP_FROM = "SRECP <pager@srecp.test>";
    process.env.NEXTAUTH_URL = "http://srecp.test";
    deadUrl = `http://127.0.0.1:${await freePort()}/hook`;
    admin = await userWithToken("admin");
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "nd-team", name: "ND" } })).status,
    ).toBe(201);
    [dana, erik, hook, down, bulk] = (await Promise.all(
      [1, 2, 3, 4, 5].map(() => userWithToken("editor", ["nd-team"])),
    )) as [U, U, U, U, U];
    scope = { userIds: [dana, erik, hook, down, bulk].map((u) => u.id) };
    // Another file's leftover: a row due now for someone outside this file. It must stay untouched.
    const stranger = await userWithToken("editor");
    const foreign = await method(stranger.id, "webhook", `${receiver.url}/foreign`);
    foreignRowId = (
      await (
        await getDb()
      ).notification.create({
        data: {
          dedupeKey: `foreign:${foreign.id}`,
          userId: stranger.id,
          contactMethodId: foreign.id,
          kind: "test",
          dueAt: new Date(),
        },
      })
    ).id;
    await method(dana.id, "email", "dana@nd.test");
    await method(erik.id, "email", "erik@nd.test");
    await method(hook.id, "webhook", `${receiver.url}/hook`);
    await method(down.id, "webhook", deadUrl);
    await method(bulk.id, "email", "bulk@nd.test");
    await method(bulk.id, "webhook", `${receiver.url}/bulk`);
    await service("nd-api", [
      { delayMinutes: 5, userId: dana.id },
      { delayMinutes: 5, userId: erik.id },
    ]);
    await service("nd-hook", [{ delayMinutes: 30, userId: hook.id }]);
    const downPolicy = await service("nd-down", [
      { delayMinutes: 1, userId: down.id },
      { delayMinutes: 1, userId: erik.id },
    ]);
    await (await getDb()).escalationPolicy.update({ where: { id: downPolicy }, data: { fallbackUserId: dana.id } });
    await service("nd-bulk", [{ delayMinutes: 60, userId: bulk.id }]);
    const created = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "nd-am",
        routes: ["hook", "down", "bulk"].map((v) => ({
          matchers: [{ label: "service", op: "=", value: v }],
          service: `nd-${v}`,
        })),
        defaultService: "nd-api",
      },
    });
    amToken = created.body.token;

    const port = await freePort();
    forward = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const request = new Request("http://test.local/api/v1/integrations/alertmanager", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
          body: Buffer.concat(chunks).toString("utf8"),
        });
        void webhook.POST(request, { params: Promise.resolve({}) }).then(async (r) => {
          const body = (await r.json()) as { action: string; pageId: string };
          if (body.action === "opened") opened.push(body.pageId);
          res.writeHead(r.status).end(JSON.stringify(body));
        });
      });
    });
    await new Promise<void>((r) => forward.listen(port, "127.0.0.1", r));
    am = await startAlertmanager({ webhookUrl: `http://127.0.0.1:${port}/hook`, bearerToken: amToken });
  });

  afterAll(async () => {
    // cleaned up so later files are not handed it either
    if (foreignRowId)
      await (
        await getDb()
      ).notification.update({ where: { id: foreignRowId }, data: { status: "cancelled", lastError: "test over" } });
    await am?.stop();
    await new Promise((r) => forward?.close(r));
    await smtp?.stop();
    await receiver?.stop();
  });

  it("Alertmanager → page → e-mail with a one-time acknowledge link → acknowledged as the recipient, once", async () => {
    await am.postAlerts([
      {
        labels: { alertname: "NdCheckout", service: "checkout", severity: "page" },
        annotations: { summary: "checkout 5xx above 1 %", runbook_url: "https://runbooks.example/checkout" },
      },
    ]);
    const deadline = Date.now() + 30_000;
    while (!opened.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const pageId = opened[0]!;
    expect(pageId).toBeTruthy();
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes("dana@nd.test"));
    expect(mail.subject).toBe("[PAGE] checkout 5xx above 1 %");
    expect(mail.text).toContain("Service: nd-api");
    expect(mail.text).toContain("Runbook: https://runbooks.example/checkout");
    expect(mail.text).toContain(`Open the page: http://srecp.test/oncall/pages/${pageId}`);
    const token = tokenOf(mail.text, "Acknowledge");

    const html = { accept: "text/html,application/xhtml+xml" };
    const confirm = await call(pageAction.GET, { params: { token }, headers: html });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('<form method="post"');
    expect((await call(page.GET, { token: admin.token, params: { id: pageId } })).body.status).toBe("triggered"); // GET changes nothing
    const used = await call(pageAction.POST, { method: "POST", params: { token }, headers: html });
    expect(used.status).toBe(200);
    expect(used.body).toContain("Done: you acknowledged");
    const after = await call(page.GET, { token: admin.token, params: { id: pageId } });
    expect(after.body).toMatchObject({ status: "acknowledged", acknowledgedBy: { id: dana.id } });
    const audit = await (
      await getDb()
    ).auditEvent.findFirst({ where: { entityId: pageId, action: "page.acknowledge" } });
    expect(audit?.actorId).toBe(dana.id);

    const again = await call(pageAction.POST, { method: "POST", params: { token } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^This page was already acknowledged by editor \d+\.$/);
    expect((await call(pageAction.POST, { method: "POST", params: { token }, headers: html })).body).toMatch(
      /already acknowledged by editor \d+/,
    );
    expect((await call(page.GET, { token: admin.token, params: { id: pageId } })).body.version).toBe(
      after.body.version,
    );
    const tampered = await call(pageAction.POST, {
      method: "POST",
      params: { token: `${token.slice(0, -2)}xx` },
      headers: html,
    });
    expect(tampered.status).toBe(404);
    expect(tampered.body).toContain("This link is not valid");
    const resolveToken = tokenOf(mail.text, "Resolve");
    expect(await useActionLink(resolveToken, Date.now() + 25 * 3_600_000)).toEqual({
      state: "expired",
      message: "This link expired. Open the page in the app instead.",
    });
    expect(after.body.notifications).toEqual([
      expect.objectContaining({
        kind: "page",
        status: "sent",
        channel: "email",
        line: expect.stringMatching(/^e-mail to d…@nd\.test accepted by SMTP \d\d:\d\d:\d\d$/),
      }),
    ]);
    await am.stop();
  });

  it("escalation: step 1 does not acknowledge → step 2's e-mail after the step delay; both on the page", async () => {
    const t0 = Date.now();
    const pageId = await open("nd-escalate", "api");
    await deliver(t0 + 1000);
    await smtp.waitFor((m) => m.to.includes("dana@nd.test") && m.text.includes(pageId));
    expect((await escalateDuePages(t0 + 4 * MINUTE)).pages).toBe(0);
    expect((await escalateDuePages(t0 + 5 * MINUTE + 1000)).pages).toBe(1);
    expect(await deliver(t0 + 5 * MINUTE + 2000)).toMatchObject({ sent: 2 }); // erik's page + dana's "escalated"
    const mail = await smtp.waitFor((m) => m.to.includes("erik@nd.test") && m.text.includes(pageId));
    expect(mail.text).toContain("Escalation step: 2");
    expect(mail.text).toMatch(/Also notified: editor \d+/);
    await smtp.waitFor((m) => m.to.includes("dana@nd.test") && m.subject.includes("(escalated)"));
    const p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    const lines = p.body.notifications.map((x: { line: string }) => x.line).sort();
    expect(lines).toEqual([
      expect.stringMatching(/^e-mail to d…@nd\.test \(escalated\) accepted by SMTP \d\d:\d\d:\d\d$/),
      expect.stringMatching(/^e-mail to d…@nd\.test accepted by SMTP \d\d:\d\d:\d\d$/),
      expect.stringMatching(/^e-mail to e…@nd\.test accepted by SMTP \d\d:\d\d:\d\d$/),
    ]);
  });

  it("escalate now (app or link) notifies the next step at once, audited; a link's second use changes nothing", async () => {
    const t0 = Date.now();
    const pageId = await open("nd-escalate-now", "api");
    await deliver(t0 + 1000);
    const mail = await smtp.waitFor((m) => m.to.includes("dana@nd.test") && m.text.includes(pageId));
    const token = tokenOf(mail.text, "Escalate now");
    expect((await call(pageAction.POST, { method: "POST", params: { token } })).body).toMatchObject({ state: "done" });
    let p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    expect(p.body).toMatchObject({ status: "triggered", currentStep: 1 });
    expect(p.body.notified.map((u: { id: string }) => u.id).sort()).toEqual([dana.id, erik.id].sort());
    expect(
      (await (await getDb()).auditEvent.findFirst({ where: { entityId: pageId, action: "page.escalate" } }))?.actorId,
    ).toBe(dana.id);
    expect((await call(pageAction.POST, { method: "POST", params: { token } })).status).toBe(409);
    await deliver(Date.now() + 1000);
    await smtp.waitFor((m) => m.to.includes("erik@nd.test") && m.text.includes(pageId));
    // step 2 was the last: the policy is exhausted, so the app's "escalate now" has nowhere to go
    p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    expect(p.body.events.map((e: { kind: string }) => e.kind)).toContain("exhausted");
    const none = await call(escalate.POST, { method: "POST", token: erik.token, params: { id: pageId } });
    expect(none.status).toBe(409);
    expect(none.body.error.message).toMatch(/no further escalation step/);
  });

  it("retries: the receiver answers 503 twice, then 200 → delivered on attempt 3, three attempts recorded, signed", async () => {
    receiver.script([503, 503]);
    const t0 = Date.now();
    const pageId = await open("nd-retry", "hook");
    expect(await deliver(t0 + 1000)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    expect(p.body.notifications[0].line).toMatch(/^webhook to 127\.0\.0\.1:\d+: 503, retry 2 in \d+ s$/);
    expect(await deliver(t0 + 30_000)).toEqual({ sent: 0, retried: 0, failed: 0 }); // backoff: not yet
    expect(await deliver(t0 + 42_000)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await deliver(t0 + 42_000 + 82_000)).toEqual({ sent: 1, retried: 0, failed: 0 });
    p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    const [row] = p.body.notifications;
    expect(row).toMatchObject({ status: "sent", channel: "webhook" });
    expect(row.attempts.map((a: { outcome: string; statusCode: number }) => [a.outcome, a.statusCode])).toEqual([
      ["retry", 503],
      ["retry", 503],
      ["accepted", 200],
    ]);
    expect(row.line).toMatch(/accepted by the receiver .* \(attempt 3\)$/);
    const mine = receiver.requests.filter((r) => r.path === "/hook");
    expect(mine.map((r) => [r.status, r.signatureOk])).toEqual([
      [503, true],
      [503, true],
      [200, true],
    ]);
    expect(new Set(mine.map((r) => r.body.id)).size).toBe(1); // the same delivery id on every retry
    expect(mine[2]!.body).toMatchObject({
      version: 1,
      kind: "page",
      attempt: 3,
      page: { id: pageId, severity: "page", service: { slug: "nd-hook" } },
      actions: { acknowledge: expect.stringMatching(/^http:\/\/srecp\.test\/api\/v1\/page-actions\//) },
    });
  });

  it("receiver down throughout → failed after 5 attempts on the page; escalation continued; exhausted → fallback", async () => {
    const t0 = Date.now();
    const pageId = await open("nd-down", "down");
    let at = t0 + 1000;
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) {
      outcomes.push(await deliver(at));
      at += 700_000; // past any backoff
    }
    expect(outcomes.map((o) => o.retried + o.failed * 10)).toEqual([1, 1, 1, 1, 10]);
    expect((await escalateDuePages(t0 + MINUTE + 1000)).pages).toBe(1); // erik, regardless of the failed webhook
    expect(await deliver(t0 + MINUTE + 2000)).toMatchObject({ sent: 1 }); // erik; the fallback waits for step 2's delay
    await smtp.waitFor((m) => m.to.includes("erik@nd.test") && m.text.includes(pageId));
    expect(await deliver(t0 + 2 * MINUTE + 2000)).toMatchObject({ sent: 1 }); // exhausted → fallback: dana
    const fallback = await smtp.waitFor(
      (m) => m.to.includes("dana@nd.test") && m.subject.startsWith("[UNACKNOWLEDGED]"),
    );
    expect(fallback.text).toContain(pageId);
    const p = await call(page.GET, { token: admin.token, params: { id: pageId } });
    const hookRow = p.body.notifications.find((x: { channel: string }) => x.channel === "webhook");
    expect(hookRow.status).toBe("failed");
    expect(hookRow.attempts).toHaveLength(5);
    expect(hookRow.line).toMatch(/failed after 5 attempts: request failed: ECONNREFUSED$/);
    expect(p.body.events.map((e: { kind: string }) => e.kind)).toContain("exhausted");
    // home: "unacknowledged" once the last step's delay passed (real time here, so: not yet — then by the service with a later now)
    expect(
      (await call(home.GET, { token: admin.token, url: "/api/v1/home" })).body.pages.items.find(
        (x: { id: string }) => x.id === pageId,
      )?.unacknowledged ?? false,
    ).toBe(false);
    const mine = (await homeFor((await actorForUserId(admin.id))!, t0 + 2 * MINUTE + 2000)).pages.items.find(
      (x) => x.id === pageId,
    );
    expect(mine ?? { unacknowledged: "not in the first items" }).toMatchObject({
      status: "triggered",
      unacknowledged: true,
    });
  });

  it("follow-ups: an acknowledgement is sent to the people already reached, not to the one who acknowledged", async () => {
    const t0 = Date.now();
    const pageId = await open("nd-followup", "api");
    await deliver(t0 + 1000);
    await escalateDuePages(t0 + 5 * MINUTE + 1000);
    await deliver(t0 + 5 * MINUTE + 2000);
    await smtp.waitFor((m) => m.to.includes("erik@nd.test") && m.text.includes(pageId));
    expect((await call(ack.POST, { method: "POST", token: erik.token, params: { id: pageId } })).status).toBe(200);
    expect(await deliver(Date.now() + 5 * MINUTE + 3000)).toMatchObject({ sent: 1 });
    const note = await smtp.waitFor(
      (m) => m.to.includes("dana@nd.test") && m.subject.startsWith("[ACK]") && m.text.includes(pageId),
    );
    expect(note.subject).toMatch(/acknowledged by editor \d+$/);
    expect(
      smtp.messages.filter(
        (m) => m.to.includes("erik@nd.test") && m.subject.startsWith("[ACK]") && m.text.includes(pageId),
      ),
    ).toEqual([]);

    // Alertmanager resolving the group: everyone reached (both) hears it.
    const resolved = {
      ...firing("nd-followup", "api"),
      status: "resolved",
      alerts: [{ ...firing("nd-followup", "api").alerts[0]!, status: "resolved" }],
    };
    const res = await webhook.POST(
      new Request("http://test.local/api/v1/integrations/alertmanager", {
        method: "POST",
        headers: { authorization: `Bearer ${amToken}`, "content-type": "application/json" },
        body: JSON.stringify(resolved),
      }),
      { params: Promise.resolve({}) },
    );
    expect(((await res.json()) as { action: string }).action).toBe("resolved");
    expect(await deliver(Date.now() + 5 * MINUTE + 4000)).toMatchObject({ sent: 2 });
    for (const to of ["dana@nd.test", "erik@nd.test"]) {
      const done = await smtp.waitFor(
        (m) => m.to.includes(to) && m.subject.startsWith("[RESOLVED]") && m.text.includes(pageId),
      );
      expect(done.subject).toMatch(/resolved by Alertmanager/);
    }
  });

  it("a 410 disables the method with the reason; a verification code is blanked once sent", async () => {
    const db = await getDb();
    const gone = await method(hook.id, "webhook", `${receiver.url}/gone`);
    receiver.script([410]);
    await db.notification.create({
      data: {
        dedupeKey: `test:${gone.id}`,
        userId: hook.id,
        contactMethodId: gone.id,
        kind: "test",
        dueAt: new Date(),
      },
    });
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await db.contactMethod.findUnique({ where: { id: gone.id } })).toMatchObject({
      disabledAt: expect.any(Date),
      disabledReason: expect.stringContaining("410"),
    });
    // its owner hears it on their other method (the /hook webhook)
    expect(await deliver()).toMatchObject({ sent: 1 });
    const told = receiver.requests.filter((r) => r.path === "/hook").pop()!;
    expect(told.body).toMatchObject({ kind: "method_disabled", subject: "One of your contact methods was disabled" });
    expect(told.body.text).toContain("410");

    const fresh = await db.contactMethod.create({
      data: {
        userId: hook.id,
        kind: "email",
        name: "unverified mail",
        targetSealed: sealTarget("new@nd.test"),
        targetLabel: "new@nd.test",
      },
    });
    const row = await db.notification.create({
      data: {
        dedupeKey: `verify:${fresh.id}`,
        userId: hook.id,
        contactMethodId: fresh.id,
        kind: "verify",
        dueAt: new Date(),
        payload: { code: "424242" },
      },
    });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect((await smtp.waitFor((m) => m.to.includes("new@nd.test"))).text).toContain("424242");
    expect((await db.notification.findUnique({ where: { id: row.id } }))!.payload).toEqual({ code: "" });
  });

  it("a receiver that never answers delays nobody else: the other method is delivered at once, the hung one times out and retries", async () => {
    const hang = http.createServer(() => undefined); // accepts, never answers
    const port = await freePort();
    await new Promise<void>((r) => hang.listen(port, "127.0.0.1", r));
    const db = await getDb();
    const slow = await method(bulk.id, "webhook", `http://127.0.0.1:${port}/never`);
    try {
      const mail = await db.contactMethod.findFirstOrThrow({ where: { userId: bulk.id, kind: "email" } });
      for (const m of [slow, mail])
        await db.notification.create({
          data: { dedupeKey: `hang:${m.id}`, userId: bulk.id, contactMethodId: m.id, kind: "test", dueAt: new Date() },
        });
      const started = Date.now();
      const pass = deliver();
      const got = await smtp.waitFor(
        (m) => m.to.includes("bulk@nd.test") && m.subject.startsWith("Test notification"),
        8_000,
      );
      expect(got.at - started).toBeLessThan(3_000);
      expect(await pass).toEqual({ sent: 1, retried: 1, failed: 0 });
      const row = await db.notification.findFirstOrThrow({
        where: { dedupeKey: `hang:${slow.id}` },
        include: { attemptLog: true },
      });
      expect(row).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "request failed: no answer within 10000 ms",
      });
      expect(row.attemptLog[0]!.latencyMs).toBeGreaterThanOrEqual(9_000);
    } finally {
      await db.contactMethod.update({
        where: { id: slow.id },
        data: { disabledAt: new Date(), disabledReason: "test over" },
      });
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
    }
  }, 30_000);

  it("exactly once: 200 pages at once, two worker processes on one database → each (page, method) exactly once", async () => {
    const before = { mail: smtp.messages.length, http: receiver.requests.length };
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => open(`nd-bulk-${i}`, "bulk")));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-deliver-"));
    const workers = ["a", "b"].map((id) => {
      const out = path.join(tmp, `${id}.json`);
      const log = fs.openSync(path.join(tmp, `${id}.log`), "a");
      const child = spawn(
        process.execPath,
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          "tests/harness/deliver-process.mts",
          out,
          scope.userIds.join(","),
        ],
        { env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", log, log] },
      );
      fs.closeSync(log);
      return {
        out,
        log: path.join(tmp, `${id}.log`),
        exited: new Promise<number | null>((resolve) => child.once("exit", resolve)),
      };
    });
    for (const w of workers) {
      for (let i = 0; i < 600 && !fs.existsSync(`${w.out}.ready`); i++) await new Promise((r) => setTimeout(r, 100));
      if (!fs.existsSync(`${w.out}.ready`))
        throw new Error(`worker did not start: ${fs.readFileSync(w.log, "utf8").slice(-2000)}`);
    }
    for (const w of workers) fs.writeFileSync(`${w.out}.go`, "go");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const [a, b] = workers.map(
      (w) => JSON.parse(fs.readFileSync(w.out, "utf8")) as { sent: number; retried: number; failed: number },
    );
    expect(a!.sent + b!.sent).toBe(400);
    expect(a!.sent).toBeGreaterThan(0); // both processes took part
    expect(b!.sent).toBeGreaterThan(0);
    expect(a!.failed + b!.failed + a!.retried + b!.retried).toBe(0);
    fs.rmSync(tmp, { recursive: true, force: true });
    const mails = smtp.messages.slice(before.mail).filter((m) => m.to.includes("bulk@nd.test"));
    const hooks = receiver.requests.slice(before.http).filter((r) => r.path === "/bulk");
    const pageOf = (text: string) => /oncall\/pages\/(\w+)/.exec(text)?.[1];
    expect(mails).toHaveLength(200);
    expect(new Set(mails.map((m) => pageOf(m.text)))).toEqual(new Set(ids));
    expect(hooks).toHaveLength(200);
    expect(new Set(hooks.map((h) => (h.body.page as { id: string }).id))).toEqual(new Set(ids));
    const db = await getDb();
    expect(await db.notificationAttempt.count({ where: { notification: { pageId: { in: ids } } } })).toBe(400);
  });

  it("passes touch only this file's recipients: a row of someone else, due since the start, is still pending and unsent", async () => {
    const row = await (await getDb()).notification.findUniqueOrThrow({ where: { id: foreignRowId } });
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(receiver.requests.filter((r) => r.path === "/foreign")).toEqual([]);
  });
});
