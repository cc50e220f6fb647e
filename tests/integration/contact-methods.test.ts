import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as methods from "@/app/api/v1/me/contact-methods/route";
import * as one from "@/app/api/v1/me/contact-methods/[id]/route";
import * as verify from "@/app/api/v1/me/contact-methods/[id]/verify/route";
import * as sendCode from "@/app/api/v1/me/contact-methods/[id]/send-code/route";
import * as test from "@/app/api/v1/me/contact-methods/[id]/test/route";
import * as rules from "@/app/api/v1/me/notification-rules/route";
import * as teams from "@/app/api/v1/teams/route";
import * as deactivate from "@/app/api/v1/users/[id]/deactivate/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as schedule from "@/app/api/v1/schedules/[id]/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// Contact methods through the API: sealed targets, 422s naming the field in the form's words (format,
// SSRF), verification codes (sha256 stored, 5 tries, 15 min, resend voids the old one), test
// notifications, optimistic concurrency, rules and what a page would do, team channels, offboarding.
// The codes are read from the Notification rows the delivery worker would send (its own test, and
// contact-methods-delivery.test.ts, read them from a real SMTP server and webhook receiver).

type U = { email: string; token: string; id: string };
let dana: U, other: U, admin: U;

const create = (u: U, body: unknown) => call(methods.POST, { method: "POST", token: u.token, body });
const codeOf = async (methodId: string) => {
  const row = await (
    await getDb()
  ).notification.findFirstOrThrow({
    where: { contactMethodId: methodId, kind: "verify", status: "pending" },
    orderBy: { createdAt: "desc" },
  });
  return String((row.payload as { code: string }).code);
};
const enter = (u: U, id: string, code: string) =>
  call(verify.POST, { method: "POST", token: u.token, params: { id }, body: { code } });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

beforeAll(async () => {
  [dana, other, admin] = await Promise.all([userWithToken("editor"), userWithToken("editor"), userWithToken("admin")]);
});

describe("contact methods", () => {
  let emailId = "";

  it("adds an e-mail method: sealed at rest, unverified, a code queued as a verify notification", async () => {
    const res = await create(dana, { kind: "email", name: "Work mail", target: "Dana@Example.com" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: "email",
      name: "Work mail",
      targetLabel: "dana@example.com",
      verified: false,
      codePending: true,
      version: 1,
    });
    expect(res.body.signingSecret).toBeUndefined();
    emailId = res.body.id;
    const db = await getDb();
    const row = await db.contactMethod.findUniqueOrThrow({ where: { id: emailId } });
    expect(row.targetSealed).toMatch(/^v1:/);
    expect(row.targetSealed).not.toContain("Example.com");
    const code = await codeOf(emailId);
    expect(code).toMatch(/^\d{6}$/);
    expect(row.verifyCodeHash).toBe(createHash("sha256").update(code).digest("hex"));
    expect(row.verifyExpiresAt!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const n = await db.notification.findFirstOrThrow({ where: { contactMethodId: emailId, kind: "verify" } });
    expect(n).toMatchObject({ userId: dana.id, status: "pending" });
    const list = await call(methods.GET, { token: dana.token });
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([emailId]);
    expect(JSON.stringify(list.body)).not.toMatch(/targetSealed|verifyCodeHash|v1:/);
    expect((await call(methods.GET, { token: other.token })).body.items).toEqual([]);
  });

  it("refuses bad targets with 422 naming the field in the form's words", async () => {
    const cases: [unknown, string, RegExp][] = [
      [
        { kind: "email", name: "x", target: "not-an-address" },
        "target",
        /E-mail address is not a valid e-mail address/,
      ],
      [
        { kind: "slack", name: "x", target: "ftp://hooks.example.com/x" },
        "target",
        /Webhook URL must start with http:\/\/ or https:\/\//,
      ],
      [{ kind: "webhook", name: "x", target: "hooks" }, "target", /Webhook URL is not a URL/],
      [
        { kind: "webhook", name: "x", target: "http://169.254.169.254/latest/meta-data" },
        "target",
        /Webhook URL is not allowed: .*link-local/,
      ],
      [
        { kind: "teams", name: "x", target: "http://metadata.google.internal/x" },
        "target",
        /Webhook URL is not allowed: .*metadata/,
      ],
      [{ kind: "webhook", name: "x", target: "http://[fe80::1]/x" }, "target", /not allowed/],
      [{ kind: "sms", name: "x", target: "+4912345" }, "kind", /must be one of email, slack, teams, webhook/],
      [{ kind: "email", name: "", target: "a@b.co" }, "name", /required/],
      [{ kind: "email", name: "x" }, "target", /required/],
      [
        { kind: "email", name: "Work mail", target: "other@example.com" },
        "name",
        /already have a contact method with this name/,
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(dana, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.fields[field], JSON.stringify(res.body)).toMatch(message);
    }
    expect(await (await getDb()).contactMethod.count({ where: { userId: dana.id } })).toBe(1);
  });

  it("wrong codes are counted: 4 tries left … the fifth voids the code; a new code works, the old one not", async () => {
    const first = await codeOf(emailId);
    const bad = await enter(dana, emailId, wrong(first));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.code).toBe("wrong code; 4 tries left");
    for (let i = 0; i < 3; i++) expect((await enter(dana, emailId, wrong(first))).status).toBe(422);
    expect((await enter(dana, emailId, wrong(first))).body.error.fields.code).toMatch(/last try: send a new code/);
    const used = await enter(dana, emailId, first);
    expect(used.status).toBe(422);
    expect(used.body.error.fields.code).toMatch(/too many wrong codes: send a new code/);
    expect((await enter(dana, emailId, "12ab56")).body.error.fields.code).toMatch(/6 digits/);

    const resend = await call(sendCode.POST, { method: "POST", token: dana.token, params: { id: emailId } });
    expect(resend.status).toBe(200);
    const second = await codeOf(emailId);
    const db = await getDb();
    expect(
      await db.notification.count({ where: { contactMethodId: emailId, kind: "verify", status: "pending" } }),
    ).toBe(1);
    expect(
      await db.notification.findFirst({ where: { contactMethodId: emailId, kind: "verify", status: "cancelled" } }),
    ).toMatchObject({ lastError: "a newer code was requested", payload: {} });
    if (second !== first) expect((await enter(dana, emailId, first)).status).toBe(422);
    expect(
      (await call(verify.POST, { method: "POST", token: other.token, params: { id: emailId }, body: { code: second } }))
        .status,
    ).toBe(404);
    const ok = await enter(dana, emailId, second);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, codePending: false, version: 2 });
    const audit = await db.auditEvent.findFirst({ where: { entityId: emailId, action: "contactMethod.verify" } });
    expect(audit?.actorId).toBe(dana.id);
  });

  it("an expired code says so", async () => {
    const res = await create(dana, { kind: "email", name: "Home", target: "dana@home.test" });
    const db = await getDb();
    await db.contactMethod.update({
      where: { id: res.body.id },
      data: { verifyExpiresAt: new Date(Date.now() - 1000) },
    });
    const late = await enter(dana, res.body.id, await codeOf(res.body.id));
    expect(late.status).toBe(422);
    expect(late.body.error.fields.code).toMatch(/the code expired/);
  });

  it("a test notification needs a verified method and is queued as a test row", async () => {
    const unverified = (await call(methods.GET, { token: dana.token })).body.items.find(
      (m: { verified: boolean }) => !m.verified,
    );
    expect((await call(test.POST, { method: "POST", token: dana.token, params: { id: unverified.id } })).status).toBe(
      409,
    );
    const res = await call(test.POST, { method: "POST", token: dana.token, params: { id: emailId } });
    expect(res.status).toBe(202);
    const row = await (await getDb()).notification.findUniqueOrThrow({ where: { id: res.body.notificationId } });
    expect(row).toMatchObject({ kind: "test", contactMethodId: emailId, userId: dana.id, status: "pending" });
    expect((await call(test.POST, { method: "POST", token: other.token, params: { id: emailId } })).status).toBe(404);
  });

  it("edits carry the version: a stale one is a 409; a new target needs verifying again", async () => {
    const v = (await call(methods.GET, { token: dana.token })).body.items.find(
      (m: { id: string }) => m.id === emailId,
    ).version;
    const renamed = await call(one.PATCH, {
      method: "PATCH",
      token: dana.token,
      params: { id: emailId },
      body: { version: v, name: "Office" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Office", verified: true, version: v + 1 });
    const stale = await call(one.PATCH, {
      method: "PATCH",
      token: dana.token,
      params: { id: emailId },
      body: { version: v, name: "Lost update" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    const bad = await call(one.PATCH, {
      method: "PATCH",
      token: dana.token,
      params: { id: emailId },
      body: { version: v + 1, target: "nope" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.target).toMatch(/E-mail address/);
    const moved = await call(one.PATCH, {
      method: "PATCH",
      token: dana.token,
      params: { id: emailId },
      body: { version: v + 1, target: "dana@new.test" },
    });
    expect(moved.body).toMatchObject({ targetLabel: "dana@new.test", verified: false, codePending: true });
    // the queued test message for the old address is not sent to the new one
    expect(
      await (
        await getDb()
      ).notification.count({ where: { contactMethodId: emailId, kind: "test", status: "pending" } }),
    ).toBe(0);
    expect((await enter(dana, emailId, await codeOf(emailId))).body.verified).toBe(true);
    expect(
      (
        await call(one.PATCH, {
          method: "PATCH",
          token: other.token,
          params: { id: emailId },
          body: { version: 1, name: "mine" },
        })
      ).status,
    ).toBe(404);
  });

  it("a webhook gets a signing secret once; its target is shown as scheme and host only", async () => {
    const res = await create(dana, {
      kind: "webhook",
      name: "Pager bridge",
      target: "http://127.0.0.1:9/hooks/T0KEN?x=1",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(res.body.targetLabel).toBe("http://127.0.0.1:9/…");
    const listed = (await call(methods.GET, { token: dana.token })).body.items.find(
      (m: { id: string }) => m.id === res.body.id,
    );
    expect(listed.signingSecret).toBeUndefined();
    const row = await (await getDb()).contactMethod.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.secretSealed).toMatch(/^v1:/);
    expect(row.targetSealed).not.toContain("T0KEN");
  });

  it("team channels are for admins; a deleted method's queued messages are cancelled", async () => {
    const team = await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "cm-team", name: "CM" } });
    const body = { kind: "slack", name: "#oncall", target: "http://127.0.0.1:9/services/x", teamId: team.body.id };
    expect((await create(dana, body)).status).toBe(403);
    const made = await create(admin, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ teamId: team.body.id, userId: null });
    expect((await call(methods.GET, { token: admin.token, url: `/?teamId=${team.body.id}` })).body.items).toHaveLength(
      1,
    );
    expect((await call(methods.GET, { token: dana.token, url: `/?teamId=${team.body.id}` })).status).toBe(403);
    expect((await call(one.DELETE, { method: "DELETE", token: dana.token, params: { id: made.body.id } })).status).toBe(
      404,
    );
    const gone = await call(one.DELETE, { method: "DELETE", token: admin.token, params: { id: made.body.id } });
    expect(gone.body).toMatchObject({ deleted: true, cancelled: 1 });
    const n = await (
      await getDb()
    ).notification.findFirstOrThrow({
      where: { kind: "verify", status: "cancelled", lastError: "the contact method was deleted" },
    });
    expect(n.payload).toEqual({});
  });
});

describe("notification rules", () => {
  it("no rule: every verified method at 0; rules replace that; bad rules are 422s naming the rule", async () => {
    const before = await call(rules.GET, { token: dana.token });
    expect(before.body).toMatchObject({ rules: [], shiftReminderMinutes: 60, reachable: true });
    const verified = (await call(methods.GET, { token: dana.token })).body.items.filter(
      (m: { verified: boolean }) => m.verified,
    );
    expect(
      before.body.effective.map((e: { contactMethodId: string; delayMinutes: number }) => [
        e.contactMethodId,
        e.delayMinutes,
      ]),
    ).toEqual(verified.map((m: { id: string }) => [m.id, 0]));

    const all = (await call(methods.GET, { token: dana.token })).body.items;
    const [mail, hook] = [verified[0].id, all.find((m: { kind: string }) => m.kind === "webhook").id];
    const put = await call(rules.PUT, {
      method: "PUT",
      token: dana.token,
      body: {
        rules: [
          { contactMethodId: mail, delayMinutes: 2 },
          { contactMethodId: hook, delayMinutes: 0 },
        ],
        shiftReminderMinutes: 30,
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.shiftReminderMinutes).toBe(30);
    // the unverified webhook's rule waits for verification; only the e-mail at 2 min is effective
    expect(put.body.effective).toEqual([{ contactMethodId: mail, name: verified[0].name, delayMinutes: 2 }]);

    const foreign = (await create(other, { kind: "email", name: "o", target: "o@example.com" })).body.id;
    const bad = await call(rules.PUT, {
      method: "PUT",
      token: dana.token,
      body: {
        rules: [
          { contactMethodId: mail, delayMinutes: 2 },
          { contactMethodId: foreign, delayMinutes: 0 },
          { contactMethodId: mail, delayMinutes: 2 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({
      "rules.1.contactMethodId": "is not one of your contact methods",
      "rules.2.delayMinutes": "this method already has a rule at this delay",
    });
    const range = await call(rules.PUT, {
      method: "PUT",
      token: dana.token,
      body: { rules: [{ contactMethodId: mail, delayMinutes: -1 }], shiftReminderMinutes: 99999 },
    });
    expect(range.status).toBe(422);
    expect(range.body.error.fields).toMatchObject({
      "rules.0.delayMinutes": "must be 0 or more",
      shiftReminderMinutes: "must be at most 10080 (a week)",
    });
    expect((await call(rules.GET, { token: dana.token })).body.rules).toHaveLength(2);
  });
});

describe("reachability warnings", () => {
  it("on-call people without a verified method: a rotation-health warning naming them and a warning on their profile", async () => {
    await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "cm-reach", name: "Reach" } });
    const [ann, bob] = await Promise.all([
      userWithToken("editor", ["cm-reach"]),
      userWithToken("editor", ["cm-reach"]),
    ]);
    const m = await create(ann, { kind: "email", name: "Mail", target: "ann@example.com" });
    expect((await enter(ann, m.body.id, await codeOf(m.body.id))).body.verified).toBe(true);
    const layer = {
      name: "Primary",
      rotation: { unit: "day", every: 1 },
      handoffTime: "09:00",
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
      participants: [ann.id, bob.id],
    };
    const made = await call(schedules.POST, {
      method: "POST",
      token: ann.token,
      body: { team: "cm-reach", name: "Reach primary", timezone: "UTC", layers: [layer] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const health = (await call(schedule.GET, { token: ann.token, params: { id: made.body.id } })).body.health;
    const unreachable = health.filter((w: { code: string }) => w.code === "NO_CONTACT_METHOD");
    expect(unreachable.map((w: { detail: { userId: string } }) => w.detail.userId)).toEqual([bob.id]);
    expect(unreachable[0].message).toMatch(/^editor \d+ is on call but has no verified contact method/);

    const bobs = (await call(rules.GET, { token: bob.token })).body;
    expect(bobs).toMatchObject({ reachable: false, onCallSchedules: [{ id: made.body.id, name: "Reach primary" }] });
    expect(bobs.warning).toMatch(/You are in the rotation of Reach primary but have no verified contact method/);
    expect((await call(rules.GET, { token: ann.token })).body).toMatchObject({ reachable: true, warning: null });
  });
});

describe("offboarding", () => {
  it("deactivating a user cancels their pending notifications, saying why", async () => {
    const leaver = await userWithToken("editor");
    const m = await create(leaver, { kind: "email", name: "Mail", target: "leaver@example.com" });
    const res = await call(deactivate.POST, { method: "POST", token: admin.token, params: { id: leaver.id } });
    expect(res.status).toBe(200);
    const row = await (await getDb()).notification.findFirstOrThrow({ where: { contactMethodId: m.body.id } });
    expect(row).toMatchObject({ status: "cancelled", lastError: "the recipient was deactivated" });
  });
});

afterAll(async () => {
  // rows of this file must not be delivered by another file's worker pass after the run
  await (
    await getDb()
  ).notification.updateMany({
    where: { userId: { in: [dana.id, other.id, admin.id] }, status: "pending" },
    data: { status: "cancelled", lastError: "test finished" },
  });
});
