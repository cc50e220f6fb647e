import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { stepTargets } from "@/lib/db/repos/escalation-policies";
import type { PolicyOnCallView, StepOnCallView, UserRefView } from "@/lib/validation/views/oncall";
import { loadScheduleModels, refOf, userRefs } from "./model";
import { recordOnCall } from "./oncall-log";
import { onCallAtModel } from "./timeline";

// "Who is on call now" for a service: the people step 1 of its escalation policy would page right now
// (users named in the step, and whoever is on call in the step's schedules).

/** Every step of a policy resolved at nowMs (reading it records the on-call history of its schedules). */
export async function oncallForPolicy(actor: Actor, policyId: string, nowMs = Date.now()): Promise<PolicyOnCallView> {
  assertCanRead(actor);
  const db = await getDb();
  const policy = await db.escalationPolicy.findUnique({
    where: { id: policyId },
    include: { steps: { orderBy: { position: "asc" } }, team: { select: { slug: true, name: true } } },
  });
  if (!policy) throw notFound(`escalation policy ${policyId}`);
  const targets = policy.steps.map(stepTargets);
  const scheduleIds = [...new Set(targets.flat().flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : [])))];
  const models = new Map((await loadScheduleModels(db, scheduleIds)).map((m) => [m.schedule.id, m]));
  if (scheduleIds.length) await recordOnCall(nowMs, scheduleIds);
  const now = new Map([...models].map(([id, m]) => [id, onCallAtModel(m, nowMs)]));
  const refs = await userRefs(db, [
    ...targets.flat().flatMap((t) => (t.kind === "user" ? [t.userId] : [])),
    ...[...now.values()].flatMap((o) => o.userIds),
  ]);
  return {
    policy: { id: policy.id, name: policy.name, repeat: policy.repeat, team: policy.team },
    steps: policy.steps.map((step, i) => {
      const resolved = targets[i]!.map((t) => {
        if (t.kind === "user") return { kind: "user" as const, user: refOf(refs, t.userId) };
        const model = models.get(t.scheduleId);
        const at = now.get(t.scheduleId);
        return {
          kind: "schedule" as const,
          schedule: { id: t.scheduleId, name: model?.schedule.name ?? "(deleted schedule)" },
          users: (at?.userIds ?? []).map((u) => refOf(refs, u)),
          until: at ? new Date(at.untilMs).toISOString() : null,
        };
      });
      const users: UserRefView[] = [];
      for (const r of resolved)
        for (const u of r.kind === "user" ? [r.user] : r.users) if (!users.some((x) => x.id === u.id)) users.push(u);
      return { position: step.position, delayMinutes: step.delayMinutes, users, targets: resolved };
    }),
  };
}

/** Step 1 of the service's escalation policy, resolved now; policy null when the service has none. */
export async function oncallForService(
  actor: Actor,
  slug: string,
  nowMs = Date.now(),
): Promise<{
  service: { slug: string; name: string };
  policy: PolicyOnCallView["policy"] | null;
  step: StepOnCallView | null;
}> {
  assertCanRead(actor);
  const db = await getDb();
  const service = await db.service.findUnique({
    where: { slug },
    select: { slug: true, name: true, escalationPolicyId: true },
  });
  if (!service) throw notFound(`service "${slug}"`);
  if (!service.escalationPolicyId)
    return { service: { slug: service.slug, name: service.name }, policy: null, step: null };
  const resolved = await oncallForPolicy(actor, service.escalationPolicyId, nowMs);
  return {
    service: { slug: service.slug, name: service.name },
    policy: resolved.policy,
    step: resolved.steps[0] ?? null,
  };
}
