import "server-only";
import { getDb, type Db } from "@/lib/db";
import { AppError, notFound, validation, type FieldErrors } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import { stepTargets } from "@/lib/db/repos/escalation-policies";
import type { CreateEscalationPolicyInput, UpdateEscalationPolicyInput } from "@/lib/validation/oncall";
import type { EscalationPolicyView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import { refOf, userRefs, type Tx } from "./model";

// Escalation policies: ordered steps, each with targets (users, schedules) and a delay in minutes before
// the next step, and `repeat` extra passes. Team-scoped: editors of the team change them; everybody reads.
// Services point at a policy through the policy's `services` list (the complete list when sent; listing a
// service moves it from whatever policy it used before). Services must belong to the policy's team.

const include = {
  team: { select: { id: true, slug: true, name: true } },
  steps: { orderBy: { position: "asc" as const } },
  services: { select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" as const } },
} as const;

type PolicyRow = Awaited<ReturnType<typeof loadPolicy>>;

async function loadPolicy(db: Db | Tx, id: string) {
  const policy = await db.escalationPolicy.findUnique({ where: { id }, include });
  if (!policy) throw notFound(`escalation policy ${id}`);
  return policy;
}

async function views(db: Db, policies: PolicyRow[]): Promise<EscalationPolicyView[]> {
  const targets = policies.flatMap((p) => p.steps.flatMap(stepTargets));
  const refs = await userRefs(db, [
    ...targets.flatMap((t) => (t.kind === "user" ? [t.userId] : [])),
    ...policies.flatMap((p) => (p.fallbackUserId ? [p.fallbackUserId] : [])),
  ]);
  const scheduleIds = targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : []));
  const schedules = new Map(
    (await db.schedule.findMany({ where: { id: { in: scheduleIds } }, select: { id: true, name: true } })).map((s) => [
      s.id,
      s,
    ]),
  );
  return policies.map((p) => ({
    id: p.id,
    team: p.team,
    name: p.name,
    description: p.description,
    repeat: p.repeat,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    fallbackUserId: p.fallbackUserId,
    fallbackUser: p.fallbackUserId ? refOf(refs, p.fallbackUserId) : null,
    fallbackChannelId: p.fallbackContactMethodId,
    services: p.services,
    steps: p.steps.map((s) => ({
      position: s.position,
      delayMinutes: s.delayMinutes,
      targets: stepTargets(s).map((t) =>
        t.kind === "user"
          ? { kind: "user" as const, userId: t.userId, user: refOf(refs, t.userId) }
          : {
              kind: "schedule" as const,
              scheduleId: t.scheduleId,
              schedule: schedules.get(t.scheduleId) ?? { id: t.scheduleId, name: "(deleted schedule)" },
            },
      ),
    })),
  }));
}

/** 422 when the fallback is not an active user, or not a verified channel of the policy's own team. */
async function checkFallback(
  db: Db,
  teamId: string,
  input: { fallbackUserId?: string | null; fallbackChannelId?: string | null },
) {
  const fields: FieldErrors = {};
  if (input.fallbackUserId) {
    const u = await db.user.findUnique({ where: { id: input.fallbackUserId }, select: { deactivatedAt: true } });
    if (!u || u.deactivatedAt) fields.fallbackUserId = `unknown or deactivated user "${input.fallbackUserId}"`;
  }
  if (input.fallbackChannelId) {
    const m = await db.contactMethod.findUnique({
      where: { id: input.fallbackChannelId },
      select: { teamId: true, verifiedAt: true, disabledAt: true },
    });
    if (!m || m.teamId !== teamId) fields.fallbackChannelId = "not a team channel of this policy's team";
    else if (!m.verifiedAt || m.disabledAt)
      fields.fallbackChannelId = "this team channel is not verified (or was disabled)";
  }
  if (Object.keys(fields).length) throw validation(fields);
}

/** 422 for targets that are no user / no schedule and for services that are unknown or of another team. */
async function checkReferences(
  db: Db,
  teamId: string,
  steps: CreateEscalationPolicyInput["steps"] | undefined,
  services: string[] | undefined,
): Promise<string[]> {
  const fields: FieldErrors = {};
  const targets = (steps ?? []).flatMap((s, i) => s.targets.map((t, j) => ({ t, path: `steps.${i}.targets.${j}` })));
  const userIds = targets.flatMap(({ t }) => (t.kind === "user" ? [t.userId] : []));
  const scheduleIds = targets.flatMap(({ t }) => (t.kind === "schedule" ? [t.scheduleId] : []));
  const users = new Set(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true } })).map((u) => u.id),
  );
  const schedules = new Set(
    (await db.schedule.findMany({ where: { id: { in: scheduleIds } }, select: { id: true } })).map((s) => s.id),
  );
  for (const { t, path } of targets) {
    if (t.kind === "user" && !users.has(t.userId)) fields[`${path}.userId`] = `unknown user "${t.userId}"`;
    if (t.kind === "schedule" && !schedules.has(t.scheduleId))
      fields[`${path}.scheduleId`] = `unknown schedule "${t.scheduleId}"`;
  }
  const rows = services?.length
    ? await db.service.findMany({ where: { slug: { in: services } }, select: { id: true, slug: true, teamId: true } })
    : [];
  (services ?? []).forEach((slug, i) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) fields[`services.${i}`] = `unknown service "${slug}"`;
    else if (row.teamId !== teamId) fields[`services.${i}`] = `service "${slug}" belongs to another team`;
  });
  if (Object.keys(fields).length) throw validation(fields);
  return rows.map((r) => r.id);
}

async function writeSteps(tx: Tx, policyId: string, steps: CreateEscalationPolicyInput["steps"]) {
  await tx.escalationStep.deleteMany({ where: { policyId } });
  await tx.escalationStep.createMany({
    data: steps.map((s, position) => ({ policyId, position, delayMinutes: s.delayMinutes, targets: s.targets })),
  });
}

async function assignServices(tx: Tx, policyId: string, serviceIds: string[]) {
  await tx.service.updateMany({
    where: { escalationPolicyId: policyId, id: { notIn: serviceIds } },
    data: { escalationPolicyId: null },
  });
  await tx.service.updateMany({ where: { id: { in: serviceIds } }, data: { escalationPolicyId: policyId } });
}

export async function listEscalationPolicies(
  actor: Actor,
  q: { team?: string },
): Promise<{ items: EscalationPolicyView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const rows = await db.escalationPolicy.findMany({
    where: q.team ? { team: { slug: q.team } } : {},
    include,
    orderBy: [{ name: "asc" }],
  });
  return { items: await views(db, rows) };
}

export async function getEscalationPolicy(actor: Actor, id: string): Promise<EscalationPolicyView> {
  assertCanRead(actor);
  const db = await getDb();
  return (await views(db, [await loadPolicy(db, id)]))[0]!;
}

export async function createEscalationPolicy(
  actor: Actor,
  input: CreateEscalationPolicyInput,
): Promise<EscalationPolicyView> {
  const db = await getDb();
  const team = await db.team.findUnique({ where: { slug: input.team } });
  if (!team) throw validation({ team: `unknown team "${input.team}"` });
  assertCanEditTeam(actor, team.id, `escalation policies of team "${team.slug}"`);
  const serviceIds = await checkReferences(db, team.id, input.steps, input.services);
  await checkFallback(db, team.id, input);
  const id = await db.$transaction(async (tx) => {
    const policy = await tx.escalationPolicy.create({
      data: {
        teamId: team.id,
        name: input.name,
        description: input.description,
        repeat: input.repeat,
        fallbackUserId: input.fallbackUserId,
        fallbackContactMethodId: input.fallbackChannelId,
      },
    });
    await writeSteps(tx, policy.id, input.steps);
    await assignServices(tx, policy.id, serviceIds);
    await recordAudit(tx, actor, {
      action: "escalationPolicy.create",
      entityType: "escalationPolicy",
      entityId: policy.id,
      after: { ...policy, steps: input.steps, services: input.services },
    });
    return policy.id;
  });
  return getEscalationPolicy(actor, id);
}

export async function updateEscalationPolicy(
  actor: Actor,
  id: string,
  input: UpdateEscalationPolicyInput,
): Promise<EscalationPolicyView> {
  const db = await getDb();
  const before = await loadPolicy(db, id);
  assertCanEditTeam(actor, before.teamId, `escalation policy "${before.name}"`);
  const serviceIds = await checkReferences(db, before.teamId, input.steps, input.services);
  await checkFallback(db, before.teamId, input);
  const { steps, services, version, fallbackChannelId, ...rest } = input;
  const fields = {
    ...rest,
    ...(fallbackChannelId !== undefined ? { fallbackContactMethodId: fallbackChannelId } : {}),
  };
  await db.$transaction(async (tx) => {
    const res = await tx.escalationPolicy.updateMany({
      where: { id, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (res.count === 0)
      throw new AppError(
        "CONFLICT",
        `escalation policy "${before.name}" was changed by someone else (your version ${version}); reload and apply your edit again`,
        { version: "stale" },
      );
    if (steps) await writeSteps(tx, id, steps);
    if (services) await assignServices(tx, id, serviceIds);
    const after = await loadPolicy(tx, id);
    await recordAudit(tx, actor, {
      action: "escalationPolicy.update",
      entityType: "escalationPolicy",
      entityId: id,
      before,
      after,
    });
  });
  return getEscalationPolicy(actor, id);
}

/** Deletes a policy; its services are left without one, and its open pages stop escalating. */
export async function deleteEscalationPolicy(actor: Actor, id: string): Promise<{ deleted: string }> {
  const db = await getDb();
  const before = await loadPolicy(db, id);
  assertCanEditTeam(actor, before.teamId, `escalation policy "${before.name}"`);
  await db.$transaction(async (tx) => {
    await tx.escalationPolicy.delete({ where: { id } });
    await tx.page.updateMany({ where: { policyId: id, status: "triggered" }, data: { nextEscalationAt: null } });
    await recordAudit(tx, actor, {
      action: "escalationPolicy.delete",
      entityType: "escalationPolicy",
      entityId: id,
      before,
    });
  });
  return { deleted: id };
}
