import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { deliverDueNotifications, type DeliveryScope } from "@/lib/services/notify/deliver";
import { sealTarget } from "@/lib/services/notify/contact-secrets";
import { startSlackStandin, type StandinHandle } from "../harness/chat-standins";
import { startSmtp, type SmtpHandle } from "../harness/smtp";
import { userWithToken } from "./helpers/api";

// The crash window of at-least-once delivery: a worker process hands a message to the provider and dies
// before it records the answer. The row stays claimed ("sending") until its 60 s claim expires; then
// another worker sends it again — with the same X-SRECP-Delivery id and, for e-mail, the same
// Message-ID, so the receiver (or the mail system) can drop the duplicate. The worker here is a real
// process killed with SIGKILL while the SMTP server and the Slack stand-in hold their answers.

describe("a message accepted but not recorded is re-sent with the same id (issue 13)", () => {
  let smtp: SmtpHandle, slack: StandinHandle;
  let scope: DeliveryScope;
  const rows: { mail: string; chat: string } = { mail: "", chat: "" };
  const address = "crash@window.test";
  const hookPath = "/services/T0CRASH/B0CRASH/crash";

  beforeAll(async () => {
    [smtp, slack] = await Promise.all([startSmtp(), startSlackStandin()]);
    process.env.SMTP_URL = smtp.url; // before lib/env is read in this process, and inherited by the worker
    process.env.SMTP_FROM = "SRECP <pager@srecp.test>";
    const user = await userWithToken("editor");
    scope = { userIds: [user.id] };
    const db = await getDb();
    const method = (kind: "email" | "slack", target: string) =>
      db.contactMethod.create({
        data: {
          userId: user.id,
          kind,
          name: kind,
          targetSealed: sealTarget(target),
          targetLabel: kind === "email" ? target : new URL(target).host,
          verifiedAt: new Date(),
        },
      });
    const [mail, chat] = [await method("email", address), await method("slack", `${slack.url}${hookPath}`)];
    const queue = (methodId: string) =>
      db.notification.create({
        data: {
          dedupeKey: `crash:${methodId}`,
          userId: user.id,
          contactMethodId: methodId,
          kind: "test",
          dueAt: new Date(),
          payload: { method: "crash" },
        },
      });
    rows.mail = (await queue(mail.id)).id;
    rows.chat = (await queue(chat.id)).id;
  });

  afterAll(async () => {
    slack?.release();
    smtp?.release();
    await slack?.stop();
    await smtp?.stop();
  });

  it("the worker dies after the provider took the message; after the claim expires it is sent again with the same ids", async () => {
    smtp.holdNext(1);
    slack.holdNext(1);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-crash-"));
    const out = path.join(tmp, "worker.json");
    const logPath = path.join(tmp, "worker.log");
    const log = fs.openSync(logPath, "a");
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
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    try {
      for (let i = 0; i < 600 && !fs.existsSync(`${out}.ready`); i++) await new Promise((r) => setTimeout(r, 100));
      if (!fs.existsSync(`${out}.ready`))
        throw new Error(`worker did not start: ${fs.readFileSync(logPath, "utf8").slice(-2000)}`);
      fs.writeFileSync(`${out}.go`, "go");
      // Both providers have the whole message; their answers are held, so the worker is mid-send.
      await smtp.waitFor((m) => m.to.includes(address), 20_000);
      for (let i = 0; i < 200 && !slack.requests.some((r) => r.path === hookPath); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(slack.requests.filter((r) => r.path === hookPath)).toHaveLength(1);
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      smtp.release();
      slack.release();
      fs.rmSync(tmp, { recursive: true, force: true });
    }

    const db = await getDb();
    const claimed = await db.notification.findMany({
      where: { id: { in: [rows.mail, rows.chat] } },
      include: { attemptLog: true },
    });
    for (const row of claimed) {
      expect(row).toMatchObject({ status: "sending", attempts: 0, sentAt: null });
      expect(row.attemptLog).toEqual([]); // the dead worker recorded nothing
    }
    const claimEnd = Math.max(...claimed.map((r) => r.claimedUntil!.getTime()));
    expect(await deliverDueNotifications(claimEnd - 5_000, scope)).toEqual({ sent: 0, retried: 0, failed: 0 }); // still claimed: not yet
    expect(await deliverDueNotifications(claimEnd + 1_000, scope)).toEqual({ sent: 2, retried: 0, failed: 0 });

    const mails = smtp.messages.filter((m) => m.to.includes(address));
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.headers.get("message-id"))).toEqual([
      `<srecp-${rows.mail}@srecp.test>`,
      `<srecp-${rows.mail}@srecp.test>`,
    ]);
    expect(mails.map((m) => m.headers.get("x-srecp-delivery"))).toEqual([rows.mail, rows.mail]);
    const posts = slack.requests.filter((r) => r.path === hookPath);
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => r.headers["x-srecp-delivery"])).toEqual([rows.chat, rows.chat]);
    expect(posts[1]!.raw).toBe(posts[0]!.raw); // the same message, byte for byte
    const done = await db.notification.findMany({ where: { id: { in: [rows.mail, rows.chat] } } });
    expect(done.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  }, 60_000);
});
