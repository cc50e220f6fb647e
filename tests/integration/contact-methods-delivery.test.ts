import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as methods from "@/app/api/v1/me/contact-methods/route";
import * as one from "@/app/api/v1/me/contact-methods/[id]/route";
import * as verify from "@/app/api/v1/me/contact-methods/[id]/verify/route";
import * as test from "@/app/api/v1/me/contact-methods/[id]/test/route";
import * as email from "@/app/api/v1/admin/email/route";
import * as emailTest from "@/app/api/v1/admin/email/test/route";
import { getDb } from "@/lib/db";
import { deliverDueNotifications } from "@/lib/services/notify/deliver";
import { startReceiver, type ReceiverHandle } from "../harness/http-receiver";
import { startSmtp, type SmtpHandle } from "../harness/smtp";
import { call, userWithToken } from "./helpers/api";

// Verification end to end with the real delivery worker: the code is read from a real SMTP server
// (smtp-server) and from a real webhook receiver that checks the HMAC with the signing secret shown
// once on creation; the admin's test e-mail arrives too. Nothing here reads the code from the database.

let smtp: SmtpHandle;
const receivers: ReceiverHandle[] = [];
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? "";

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "SRECP <pager@srecp.test>";
});
afterAll(async () => {
  await smtp.stop();
  await Promise.all(receivers.map((r) => r.stop()));
});

describe("verifying contact methods through real delivery", () => {
  it("e-mail: the code arrives over SMTP, entering it verifies; the test e-mail arrives; the code is gone from the row", async () => {
    const dana = await userWithToken("editor");
    const res = await call(methods.POST, {
      method: "POST",
      token: dana.token,
      body: { kind: "email", name: "Mail", target: "dana.verify@cm.test" },
    });
    expect(res.status).toBe(201);
    await deliverDueNotifications(Date.now());
    const mail = await smtp.waitFor((m) => m.to.includes("dana.verify@cm.test"));
    expect(mail.subject).toMatch(/verification code/i);
    const code = codeIn(mail.text);
    expect(code).toMatch(/^\d{6}$/);
    const row = await (
      await getDb()
    ).notification.findFirstOrThrow({ where: { contactMethodId: res.body.id, kind: "verify" } });
    expect(row.status).toBe("sent");
    expect((row.payload as { code?: string }).code).toBe("");
    const ok = await call(verify.POST, {
      method: "POST",
      token: dana.token,
      params: { id: res.body.id },
      body: { code },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.verified).toBe(true);

    expect((await call(test.POST, { method: "POST", token: dana.token, params: { id: res.body.id } })).status).toBe(
      202,
    );
    await deliverDueNotifications(Date.now());
    const tested = await smtp.waitFor((m) => m.to.includes("dana.verify@cm.test") && m !== mail);
    expect(tested.text).toMatch(/can reach you here/);
  });

  it("webhook: the signed test delivery carries the code; the receiver verifies the HMAC with the secret shown once", async () => {
    const erik = await userWithToken("editor");
    const placeholder = await startReceiver("unknown-yet");
    receivers.push(placeholder);
    const res = await call(methods.POST, {
      method: "POST",
      token: erik.token,
      body: { kind: "webhook", name: "Bridge", target: `${placeholder.url}/first` },
    });
    expect(res.status).toBe(201);
    const secret: string = res.body.signingSecret;
    // the receiver is configured with the secret the owner copied; pointing the method at it sends a new code
    const receiver = await startReceiver(secret);
    receivers.push(receiver);
    const moved = await call(one.PATCH, {
      method: "PATCH",
      token: erik.token,
      params: { id: res.body.id },
      body: { version: res.body.version, target: `${receiver.url}/hook` },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await deliverDueNotifications(Date.now());
    const hit = receiver.requests.find((r) => r.path === "/hook");
    expect(hit?.signatureOk).toBe(true);
    expect(hit?.body.kind).toBe("verify");
    const code = String(hit?.body.code ?? "");
    expect(code).toMatch(/^\d{6}$/);
    // the first code (to the placeholder) was cancelled with the retarget, never sent
    expect(placeholder.requests).toHaveLength(0);
    const ok = await call(verify.POST, {
      method: "POST",
      token: erik.token,
      params: { id: res.body.id },
      body: { code },
    });
    expect(ok.body.verified).toBe(true);
  });

  it("admin: the e-mail page says where SMTP points (not the password) and the test e-mail arrives", async () => {
    const admin = await userWithToken("admin");
    const saved = process.env.SMTP_URL;
    // a URL with credentials, as production has (the test server takes no AUTH over plain text)
    process.env.SMTP_URL = saved!.replace("smtp://", "smtp://pager:pw-not-shown@");
    const before = await call(email.GET, { token: admin.token });
    process.env.SMTP_URL = saved;
    expect(before.body).toMatchObject({
      configured: true,
      host: "127.0.0.1",
      user: "pager",
      passwordSet: true,
      from: "SRECP <pager@srecp.test>",
      lastTest: null,
    });
    expect(JSON.stringify(before.body)).not.toContain("pw-not-shown");
    const sent = await call(emailTest.POST, { method: "POST", token: admin.token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    await deliverDueNotifications(Date.now());
    const mail = await smtp.waitFor((m) => m.to.includes(admin.email.toLowerCase()));
    expect(mail.text).toMatch(/can reach you here/);
    const after = await call(email.GET, { token: admin.token });
    expect(after.body.lastTest).toMatchObject({ status: "sent", attempts: 1 });
    const editor = await userWithToken("editor");
    expect((await call(email.GET, { token: editor.token })).status).toBe(403);
    delete process.env.SMTP_URL;
    try {
      expect((await call(email.GET, { token: admin.token })).body.configured).toBe(false);
      const refused = await call(emailTest.POST, { method: "POST", token: admin.token });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/set SMTP_URL/);
    } finally {
      process.env.SMTP_URL = saved;
    }
  });
});
