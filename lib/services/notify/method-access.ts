import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Prisma } from "@/lib/db";
import { contactKindOf } from "@/lib/db/repos/contact-methods";
import { env } from "@/lib/env";
import { AppError, notFound, validation } from "@/lib/errors";
import { checkOutboundUrl } from "@/lib/net/guarded-fetch";
import { isAdmin, type Actor } from "@/lib/auth/permissions";
import { hashVerifyCode, newVerifyCode, VERIFY_CODE_TTL_MS } from "@/lib/notify/contact-target";
import { KIND_LABELS, targetProblem, type ContactKind } from "@/lib/validation/notify";
import type { ContactMethodView } from "@/lib/validation/views/notify";
import type { Tx } from "../oncall/model";

// Shared by the contact-method use cases: who may touch a method, its public view, the target
// checks (format, then the outbound address policy on what the host resolves to) and issuing a
// verification code as a Notification row the delivery worker sends.

export type MethodRow = Prisma.ContactMethodModel;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Never the sealed columns nor the code hash: the owner sees the label and the state. */
export const methodView = (m: MethodRow): ContactMethodView => ({
  id: m.id,
  kind: contactKindOf(m),
  name: m.name,
  targetLabel: m.targetLabel,
  teamId: m.teamId,
  userId: m.userId,
  verified: m.verifiedAt !== null,
  verifiedAt: iso(m.verifiedAt),
  codePending: m.verifyCodeHash !== null,
  codeExpiresAt: m.verifyCodeHash ? iso(m.verifyExpiresAt) : null,
  disabledAt: iso(m.disabledAt),
  disabledReason: m.disabledReason,
  version: m.version,
  createdAt: m.createdAt.toISOString(),
});

/** Ids are cuids; anything else is simply not a method (no database round trip, no 500 on NUL). */
const plausibleId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

/**
 * The method, if the actor may manage it: their own, or (admins) a team channel. Anyone else's is a
 * 404, so ids of other people's methods are not revealed.
 */
export async function loadManagedMethod(actor: Actor, id: string, client?: Tx): Promise<MethodRow> {
  if (!plausibleId(id)) throw notFound("Contact method");
  const db = client ?? (await getDb());
  const m = await db.contactMethod.findUnique({ where: { id } });
  if (!m) throw notFound("Contact method");
  const mine = m.userId !== null && m.userId === actor.userId;
  const teamChannel = m.userId === null && m.teamId !== null && isAdmin(actor);
  if (!mine && !teamChannel) throw notFound("Contact method");
  return m;
}

/** 422 naming `target` in the form's words: bad format, or an address the server may not reach. */
export async function assertTargetAllowed(kind: ContactKind, target: string) {
  const label = KIND_LABELS[kind].target;
  const problem = targetProblem(kind, target);
  if (problem) throw validation({ target: problem }, "Invalid contact method");
  if (kind === "email") return;
  const verdict = await checkOutboundUrl(target.trim(), env().outboundPolicy);
  if (!verdict.ok) {
    throw validation({ target: `${label} is not allowed: ${verdict.why}` }, "Invalid contact method");
  }
}

/**
 * A fresh 6-digit code for the method: its sha256 and expiry on the method (wrong tries reset), and a
 * pending "verify" Notification with the code in its payload (the worker sends it, then blanks it).
 * Codes still waiting to be sent are cancelled: only the newest one is valid.
 */
export async function issueVerifyCode(tx: Tx, m: MethodRow, nowMs: number): Promise<void> {
  const code = newVerifyCode();
  await tx.notification.updateMany({
    where: { contactMethodId: m.id, kind: "verify", status: "pending" },
    data: { status: "cancelled", lastError: "a newer code was requested", payload: {} },
  });
  await tx.contactMethod.update({
    where: { id: m.id },
    data: {
      verifyCodeHash: hashVerifyCode(code),
      verifyExpiresAt: new Date(nowMs + VERIFY_CODE_TTL_MS),
      verifyAttempts: 0,
    },
  });
  await tx.notification.create({
    data: {
      kind: "verify",
      dedupeKey: `verify:${m.id}:${randomUUID()}`,
      contactMethodId: m.id,
      userId: m.userId,
      dueAt: new Date(nowMs),
      payload: { code, method: m.name },
    },
  });
}

/** Codes per method per hour: a method's owner cannot turn the server into a mail cannon. */
export const MAX_CODES_PER_HOUR = 6;

export async function assertCodeBudget(tx: Tx, methodId: string, nowMs: number) {
  const recent = await tx.notification.count({
    where: { contactMethodId: methodId, kind: "verify", createdAt: { gte: new Date(nowMs - 3_600_000) } },
  });
  if (recent >= MAX_CODES_PER_HOUR)
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `At most ${MAX_CODES_PER_HOUR} codes per hour can be sent to one contact method; try again later`,
    );
}
