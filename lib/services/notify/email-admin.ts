import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { smtpSettingsOf } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertAdmin, assertCanRead, isAdmin, type Actor } from "@/lib/auth/permissions";
import { targetLabelOf } from "@/lib/notify/contact-target";
import type { EmailStatusView, QueuedTestEmailView } from "@/lib/validation/views/notify";
import { recordAudit } from "../audit";
import { sealTarget } from "./contact-secrets";

// The admin's view of outgoing e-mail (issue 13 item 8): whether SMTP_URL/SMTP_FROM are set, where
// they point (host, port, user; never the password) and a test e-mail to the admin's own account
// address, delivered by the worker like any notification. Read from the process environment on each
// call, as the e-mail channel does, so what this page says is what the worker uses.

/** Name of the e-mail method a test goes to when the admin has none for their account address. */
export const ACCOUNT_EMAIL_METHOD = "Account e-mail";

const settings = () => smtpSettingsOf(process.env.SMTP_URL, process.env.SMTP_FROM);

async function accountMethod(actor: Actor) {
  const db = await getDb();
  return db.contactMethod.findFirst({
    where: { userId: actor.userId, kind: "email", targetLabel: targetLabelOf("email", actor.email) },
    orderBy: { createdAt: "asc" },
  });
}

export async function emailStatus(actor: Actor): Promise<EmailStatusView> {
  assertCanRead(actor);
  if (!isAdmin(actor)) throw new AppError("FORBIDDEN", "Only admins can see the e-mail settings");
  const s = settings();
  const method = await accountMethod(actor);
  const db = await getDb();
  const last = method
    ? await db.notification.findFirst({
        where: { contactMethodId: method.id, kind: "test" },
        orderBy: { createdAt: "desc" },
        select: { id: true, status: true, attempts: true, lastError: true, sentAt: true, createdAt: true },
      })
    : null;
  return {
    configured: s !== null,
    ...(s
      ? { host: s.host, port: s.port, secure: s.secure, user: s.user, passwordSet: s.passwordSet, from: s.from }
      : {}),
    testRecipient: actor.email,
    lastTest: last
      ? { ...last, sentAt: last.sentAt?.toISOString() ?? null, createdAt: last.createdAt.toISOString() }
      : null,
  };
}

/** Queues a test e-mail to the admin's account address (adding an unverified method for it if needed). */
export async function sendTestEmail(actor: Actor, nowMs = Date.now()): Promise<QueuedTestEmailView> {
  assertAdmin(actor, "the e-mail settings");
  if (!settings())
    throw new AppError(
      "INVALID_STATE",
      "E-mail is not configured: set SMTP_URL (e.g. smtp://user:pass@mail:587) and SMTP_FROM, then restart",
    );
  const db = await getDb();
  const recent = await db.notification.count({
    where: { userId: actor.userId, kind: "test", createdAt: { gte: new Date(nowMs - 60_000) } },
  });
  if (recent >= 3) throw new AppError("TOO_MANY_REQUESTS", "At most 3 test e-mails a minute; wait a moment");
  return db.$transaction(async (tx) => {
    const existing = await accountMethod(actor);
    const method =
      existing ??
      (await tx.contactMethod.create({
        data: {
          userId: actor.userId,
          kind: "email",
          name: ACCOUNT_EMAIL_METHOD,
          targetSealed: sealTarget(actor.email),
          targetLabel: targetLabelOf("email", actor.email),
        },
      }));
    const row = await tx.notification.create({
      data: {
        kind: "test",
        dedupeKey: `test:${method.id}:${randomUUID()}`,
        contactMethodId: method.id,
        userId: actor.userId,
        dueAt: new Date(nowMs),
        payload: { method: "e-mail settings", by: actor.email },
      },
    });
    await recordAudit(tx, actor, {
      action: "email.test",
      entityType: "notification",
      entityId: row.id,
      after: { to: method.targetLabel },
    });
    return {
      notificationId: row.id,
      to: method.targetLabel,
      contactMethodId: method.id,
      dueAt: row.dueAt.toISOString(),
    };
  });
}
