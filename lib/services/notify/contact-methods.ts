import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError, notFound, validation } from "@/lib/errors";
import { assertAdmin, assertCanRead, requireScope, type Actor } from "@/lib/auth/permissions";
import { targetLabelOf } from "@/lib/notify/contact-target";
import type { CreateContactMethodInput, UpdateContactMethodInput } from "@/lib/validation/notify";
import type {
  ContactMethodView,
  CreatedContactMethodView,
  DeletedContactMethodView,
} from "@/lib/validation/views/notify";
import { contactKindOf } from "@/lib/db/repos/contact-methods";
import { recordAudit } from "../audit";
import { sealMethodSecret, sealTarget } from "./contact-secrets";
import { assertCodeBudget, assertTargetAllowed, issueVerifyCode, loadManagedMethod, methodView } from "./method-access";

// Contact methods of the signed-in user (and, for admins, team channels used as escalation
// fallbacks). The target and a webhook's signing secret are sealed before they reach the database;
// the secret is generated here and returned once, on creation. A new method, or a new target, gets a
// verification code; until it is entered the method receives nothing but that code.

/** Names are unique per owner: say so on the field rather than as a bare 409. */
async function assertNameFree(ownerId: string | null, teamId: string | null, name: string, exceptId?: string) {
  const db = await getDb();
  const taken = await db.contactMethod.findFirst({
    where: { userId: ownerId, ...(ownerId ? {} : { teamId }), name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw validation({ name: "you already have a contact method with this name" }, "Invalid contact method");
}

/** The actor's own methods, or (admins, `teamId`) a team's channels. */
export async function listContactMethods(actor: Actor, q: { teamId?: string } = {}): Promise<ContactMethodView[]> {
  assertCanRead(actor);
  if (q.teamId) assertAdmin(actor, "team channels");
  const db = await getDb();
  const rows = await db.contactMethod.findMany({
    where: q.teamId ? { teamId: q.teamId, userId: null } : { userId: actor.userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(methodView);
}

export async function createContactMethod(
  actor: Actor,
  input: CreateContactMethodInput,
  nowMs = Date.now(),
): Promise<CreatedContactMethodView> {
  requireScope(actor, "write");
  if (input.teamId) assertAdmin(actor, "team channels");
  await assertTargetAllowed(input.kind, input.target);
  await assertNameFree(input.teamId ? null : actor.userId, input.teamId ?? null, input.name);
  const db = await getDb();
  if (input.teamId && !(await db.team.findUnique({ where: { id: input.teamId }, select: { id: true } })))
    throw notFound("Team");
  // The receiver checks X-SRECP-Signature with this; shown once, like an API token.
  const signingSecret = input.kind === "webhook" ? `whsec_${randomBytes(24).toString("base64url")}` : undefined;
  const row = await db.$transaction(async (tx) => {
    const m = await tx.contactMethod.create({
      data: {
        userId: input.teamId ? null : actor.userId,
        teamId: input.teamId ?? null,
        kind: input.kind,
        name: input.name,
        targetSealed: sealTarget(input.target.trim()),
        targetLabel: targetLabelOf(input.kind, input.target),
        secretSealed: signingSecret ? sealMethodSecret(signingSecret) : null,
      },
    });
    await issueVerifyCode(tx, m, nowMs);
    await recordAudit(tx, actor, {
      action: "contactMethod.create",
      entityType: "contactMethod",
      entityId: m.id,
      after: { kind: m.kind, name: m.name, target: m.targetLabel, teamId: m.teamId },
    });
    return tx.contactMethod.findUniqueOrThrow({ where: { id: m.id } });
  });
  return { ...methodView(row), ...(signingSecret ? { signingSecret } : {}) };
}

/** Renames, or points it elsewhere (then it is unverified until the new code is entered). 409 when `version` is stale. */
export async function updateContactMethod(
  actor: Actor,
  id: string,
  input: UpdateContactMethodInput,
  nowMs = Date.now(),
): Promise<ContactMethodView> {
  requireScope(actor, "write");
  const before = await loadManagedMethod(actor, id);
  const retarget = input.target !== undefined;
  if (retarget) await assertTargetAllowed(contactKindOf(before), input.target!);
  if (input.name !== undefined && input.name !== before.name)
    await assertNameFree(before.userId, before.teamId, input.name, id);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    if (retarget) await assertCodeBudget(tx, id, nowMs);
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(retarget
        ? {
            targetSealed: sealTarget(input.target!.trim()),
            targetLabel: targetLabelOf(before.kind, input.target!),
            verifiedAt: null,
            disabledAt: null,
            disabledReason: null,
          }
        : {}),
      version: { increment: 1 },
    };
    const { count } = await tx.contactMethod.updateMany({ where: { id, version: input.version }, data });
    if (count === 0)
      throw new AppError(
        "CONFLICT",
        `This contact method was changed by someone else (you edited version ${input.version}, it is now ${before.version}); reload and try again`,
      );
    const m = await tx.contactMethod.findUniqueOrThrow({ where: { id } });
    if (retarget) {
      // Messages still queued for the old target must not go to the new one unannounced.
      await tx.notification.updateMany({
        where: { contactMethodId: id, status: "pending" },
        data: { status: "cancelled", lastError: "the contact method's target changed" },
      });
      await issueVerifyCode(tx, m, nowMs);
    }
    await recordAudit(tx, actor, {
      action: "contactMethod.update",
      entityType: "contactMethod",
      entityId: id,
      before: { name: before.name, target: before.targetLabel },
      after: { name: m.name, target: m.targetLabel },
    });
    return tx.contactMethod.findUniqueOrThrow({ where: { id } });
  });
  return methodView(row);
}

/** Deletes it and its rules; messages still queued for it are cancelled (recorded, not lost silently). */
export async function deleteContactMethod(actor: Actor, id: string): Promise<DeletedContactMethodView> {
  requireScope(actor, "write");
  const before = await loadManagedMethod(actor, id);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { contactMethodId: id, status: "pending" },
      data: { status: "cancelled", lastError: "the contact method was deleted", payload: {} },
    });
    await tx.escalationPolicy.updateMany({
      where: { fallbackContactMethodId: id },
      data: { fallbackContactMethodId: null },
    });
    await tx.contactMethod.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "contactMethod.delete",
      entityType: "contactMethod",
      entityId: id,
      before: { kind: before.kind, name: before.name, target: before.targetLabel },
    });
    return { id, deleted: true as const, cancelled: count };
  });
}
