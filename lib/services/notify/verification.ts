import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError, validation } from "@/lib/errors";
import { requireScope, type Actor } from "@/lib/auth/permissions";
import { codeMatches, codeStateProblem, VERIFY_MAX_ATTEMPTS } from "@/lib/notify/contact-target";
import type { ContactMethodView, QueuedTestView } from "@/lib/validation/views/notify";
import { recordAudit } from "../audit";
import { assertCodeBudget, issueVerifyCode, loadManagedMethod, methodView } from "./method-access";

// Proving a contact method reaches its owner: a code sent to it (e-mail, or a test delivery to a
// webhook whose body carries the code) that the owner types back. Wrong tries are counted on the
// method and committed even though the request fails; the fifth voids the code.

/** A new code (the old one stops working). At most MAX_CODES_PER_HOUR per method. */
export async function sendVerifyCode(actor: Actor, id: string, nowMs = Date.now()): Promise<ContactMethodView> {
  requireScope(actor, "write");
  const m = await loadManagedMethod(actor, id);
  if (m.disabledAt)
    throw new AppError(
      "INVALID_STATE",
      `This contact method is disabled (${m.disabledReason ?? "by an admin"}); change its target to use it again`,
    );
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertCodeBudget(tx, id, nowMs);
    await issueVerifyCode(tx, m, nowMs);
    return methodView(await tx.contactMethod.findUniqueOrThrow({ where: { id } }));
  });
}

/** Checks the entered code; right → verified (the code is spent). Wrong, expired or used up → 422 on `code`. */
export async function verifyContactMethod(
  actor: Actor,
  id: string,
  code: string,
  nowMs = Date.now(),
): Promise<ContactMethodView> {
  requireScope(actor, "write");
  const m = await loadManagedMethod(actor, id);
  if (m.verifiedAt && !m.verifyCodeHash) return methodView(m);
  const problem = codeStateProblem(m, nowMs);
  if (problem) throw validation({ code: problem }, "Verification code not accepted");
  const db = await getDb();
  if (!codeMatches(code, m.verifyCodeHash!)) {
    // Counted with a guard on the current count, so parallel wrong guesses cannot exceed the limit.
    const { count } = await db.contactMethod.updateMany({
      where: { id, verifyCodeHash: m.verifyCodeHash, verifyAttempts: { lt: VERIFY_MAX_ATTEMPTS } },
      data: { verifyAttempts: { increment: 1 } },
    });
    const left = VERIFY_MAX_ATTEMPTS - m.verifyAttempts - 1;
    const why =
      count === 0 || left <= 0
        ? "wrong code; that was the last try: send a new code"
        : `wrong code; ${left} ${left === 1 ? "try" : "tries"} left`;
    throw validation({ code: why }, "Verification code not accepted");
  }
  return db.$transaction(async (tx) => {
    // Only the code that was checked is spent: a new code sent meanwhile makes this a no-op.
    const { count } = await tx.contactMethod.updateMany({
      where: { id, verifyCodeHash: m.verifyCodeHash },
      data: {
        verifiedAt: new Date(nowMs),
        verifyCodeHash: null,
        verifyExpiresAt: null,
        verifyAttempts: 0,
        disabledAt: null,
        disabledReason: null,
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw validation({ code: "a newer code was sent meanwhile: enter that one" }, "Verification code not accepted");
    await recordAudit(tx, actor, {
      action: "contactMethod.verify",
      entityType: "contactMethod",
      entityId: id,
      after: { target: m.targetLabel },
    });
    return methodView(await tx.contactMethod.findUniqueOrThrow({ where: { id } }));
  });
}

/** Queues a "test" message to a verified, enabled method; the worker delivers it like any other. */
export async function sendTestNotification(actor: Actor, id: string, nowMs = Date.now()): Promise<QueuedTestView> {
  requireScope(actor, "write");
  const m = await loadManagedMethod(actor, id);
  if (m.disabledAt)
    throw new AppError("INVALID_STATE", `This contact method is disabled (${m.disabledReason ?? "by an admin"})`);
  if (!m.verifiedAt)
    throw new AppError(
      "INVALID_STATE",
      "Verify this contact method first (enter the code sent to it, or send a new code)",
    );
  const db = await getDb();
  const recent = await db.notification.count({
    where: { contactMethodId: id, kind: "test", createdAt: { gte: new Date(nowMs - 60_000) } },
  });
  if (recent >= 3)
    throw new AppError("TOO_MANY_REQUESTS", "At most 3 test notifications a minute per contact method; wait a moment");
  const row = await db.notification.create({
    data: {
      kind: "test",
      dedupeKey: `test:${id}:${randomUUID()}`,
      contactMethodId: id,
      userId: m.userId,
      dueAt: new Date(nowMs),
      payload: { method: m.name, by: actor.email },
    },
  });
  return { notificationId: row.id, dueAt: row.dueAt.toISOString() };
}
