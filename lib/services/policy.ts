import "server-only";
import { getDb, isUniqueViolation } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanApprove, assertCanRead, type Actor } from "@/lib/auth/permissions";
import { evaluatePolicy } from "@/lib/slo";
import { effectivePolicy, policyTerms, type EffectivePolicy } from "./policy-effective";

export { effectivePolicy, type EffectivePolicy };
import type { BudgetPolicyInput } from "@/lib/validation/policy";
import type { ServiceBudgetStateView } from "@/lib/validation/views/policy-state";
import type { BudgetPolicyView, RemovedPolicyView } from "@/lib/validation/views/release";
import { recordAudit } from "./audit";
import { loadSloDefs } from "./slo/store";
import { storedOrComputed } from "./slo/status-read";
import { updateServiceStates } from "./slo/service-states";
import type { SloStatus } from "./slo/status-types";

/** GET /services/{slug}/policy (lib/validation/views/policy-state.ts); the browser hook names it too. */
export type ServiceBudgetState = ServiceBudgetStateView;

/** Applies the service's policy to the current status of its SLOs. */
export function stateFromStatuses(policy: EffectivePolicy, statuses: SloStatus[]) {
  return evaluatePolicy(
    policy,
    statuses.map((s) => ({
      sloId: s.sloId,
      name: s.name,
      remaining: s.errorBudget.remaining,
      pageAlertFiring: s.alerts.some((a) => a.severity === "page" && a.firing),
    })),
  );
}

export async function serviceBudgetState(actor: Actor, slug: string): Promise<ServiceBudgetStateView> {
  assertCanRead(actor);
  const db = await getDb();
  const service = await db.service.findUnique({ where: { slug } });
  if (!service) throw notFound(`service "${slug}"`);
  // this service's SLOs from the read model (a page costs its SLOs, not the organisation's)
  const defs = await loadSloDefs({ serviceSlug: slug });
  const statuses = await storedOrComputed(defs);
  const mine = defs.map((d) => statuses.get(d.id)!).filter(Boolean);
  const policy = await effectivePolicy(service.id);
  return { service: slug, ...stateFromStatuses(policy, mine), policy, slos: mine };
}

/** Sets a team's default or a service's own policy (approvers: managers agree to budget policies). */
export async function setBudgetPolicy(
  actor: Actor,
  target: { team?: string; service?: string },
  input: BudgetPolicyInput,
): Promise<BudgetPolicyView> {
  // Two first PUTs both see no policy and both insert; the loser hits the unique owner key. It retries once,
  // now finds the row and goes through the locked update below like any later writer — 2xx, or 409 when
  // the version it named is stale; never a 500.
  let after;
  try {
    after = await applyBudgetPolicy(actor, target, input);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    after = await applyBudgetPolicy(actor, target, input);
  }
  await restateServices(target);
  return toBudgetPolicyView(after);
}

type PolicyRow = Omit<BudgetPolicyView, "agreedAt" | "createdAt" | "updatedAt"> & {
  agreedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
const toBudgetPolicyView = (p: PolicyRow): BudgetPolicyView => ({
  id: p.id,
  teamId: p.teamId,
  serviceId: p.serviceId,
  ...policyTerms(p),
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** The stored policy states (the overview sorts by them) of the services a policy change applies to. */
async function restateServices(target: { team?: string; service?: string }) {
  const db = await getDb();
  const where = target.service ? { slug: target.service } : { team: { slug: target.team ?? "" } };
  await updateServiceStates((await db.service.findMany({ where, select: { id: true } })).map((s) => s.id));
}

async function applyBudgetPolicy(actor: Actor, target: { team?: string; service?: string }, input: BudgetPolicyInput) {
  const db = await getDb();
  const owner = target.service
    ? await db.service.findUnique({ where: { slug: target.service }, include: { budgetPolicy: true } })
    : await db.team.findUnique({ where: { slug: target.team ?? "" }, include: { budgetPolicy: true } });
  if (!owner) throw notFound(target.service ? `service "${target.service}"` : `team "${target.team}"`);
  const teamId = "teamId" in owner ? owner.teamId : owner.id;
  assertCanApprove(actor, teamId, "error-budget policies");
  const { version, ...data } = input;
  const key = target.service ? { serviceId: owner.id } : { teamId: owner.id };
  return db.$transaction(async (tx) => {
    let before = null;
    let after;
    if (owner.budgetPolicy) {
      // Bumping the version first takes the row lock: concurrent writers queue here and each sees the
      // row as the previous one committed it, so the version check below cannot be raced.
      const locked = await tx.budgetPolicy.update({
        where: { id: owner.budgetPolicy.id },
        data: { version: { increment: 1 } },
      });
      before = { ...locked, version: locked.version - 1 };
      if (version !== undefined && version !== before.version) {
        throw new AppError("CONFLICT", "The policy was changed by someone else; reload and apply your edit again", {
          version: "stale",
        });
      }
      after = await tx.budgetPolicy.update({ where: { id: locked.id }, data: { ...data, agreedAt: new Date() } });
    } else {
      after = await tx.budgetPolicy.create({ data: { ...data, ...key, agreedAt: new Date() } });
    }
    await recordAudit(tx, actor, {
      action: "policy.set",
      entityType: "budgetPolicy",
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

/** Removes a service's own policy so its team's default (or the built-in one) applies again (approver). */
export async function removeServicePolicy(actor: Actor, slug: string): Promise<RemovedPolicyView> {
  const db = await getDb();
  const service = await db.service.findUnique({ where: { slug }, include: { budgetPolicy: true } });
  if (!service) throw notFound(`service "${slug}"`);
  assertCanApprove(actor, service.teamId, "error-budget policies");
  const before = service.budgetPolicy;
  if (!before) throw notFound(`an own policy of service "${slug}"`);
  await db.$transaction(async (tx) => {
    await tx.budgetPolicy.delete({ where: { id: before.id } });
    await recordAudit(tx, actor, { action: "policy.remove", entityType: "budgetPolicy", entityId: before.id, before });
  });
  await updateServiceStates([service.id]);
  return { service: slug, policy: await effectivePolicy(service.id) };
}
