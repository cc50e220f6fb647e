import "server-only";
import { getDb } from "@/lib/db";
import { findServiceRef } from "@/lib/db/repos/catalog";
import { AppError, notFound } from "@/lib/errors";
import { atLeast, inTeam, type Actor } from "@/lib/auth/permissions";
import {
  createDeployment,
  findDeployment,
  findDeployments,
  updateDeploymentIfStatus,
  type DeploymentRow,
} from "@/lib/db/repos/deployments";
import type { CreateDeploymentInput, ListDeploymentsQuery, UpdateDeploymentInput } from "@/lib/validation/deployments";
import type { DeploymentList, DeploymentView } from "@/lib/validation/views/release";
import { recordAudit } from "./audit";
import { requireAnyScope } from "./gate";

/**
 * Deployment events recorded by pipelines (`POST /api/v1/deployments`, `srecp deploy record`). They are
 * drawn as markers on the burndown and SLI charts and are the "before" instant of `srecp verify`.
 * A CI token needs the "deployments" scope (or "write") to record and "deployments", "gate" or "read" to list.
 */
const DAY_MS = 86_400_000;

const view = (d: DeploymentRow): DeploymentView => ({
  id: d.id,
  service: d.service.slug,
  serviceName: d.service.name,
  version: d.version,
  environment: d.environment,
  at: d.at.toISOString(),
  link: d.link,
  status: d.status,
  createdById: d.createdById,
  createdAt: d.createdAt.toISOString(),
});

/** Recording a deploy is a change to the service's history: editors of its team (or CI tokens acting as one). */
function assertCanRecord(actor: Actor, teamId: string, slug: string) {
  requireAnyScope(actor, ["deployments", "write"]);
  if (!atLeast(actor, "editor"))
    throw new AppError("FORBIDDEN", `Role ${actor.role} cannot record deployments; editor or higher is required`);
  if (!inTeam(actor, teamId))
    throw new AppError("FORBIDDEN", `You are not a member of the team that owns service "${slug}"`);
}

export async function recordDeployment(actor: Actor, input: CreateDeploymentInput): Promise<DeploymentView> {
  const db = await getDb();
  const service = await findServiceRef(db, input.service);
  if (!service)
    throw new AppError("VALIDATION", `service "${input.service}" does not exist`, {
      service: `unknown service "${input.service}"`,
    });
  assertCanRecord(actor, service.teamId, service.slug);
  return db.$transaction(async (tx) => {
    const row = await createDeployment(tx, {
      serviceId: service.id,
      version: input.version,
      environment: input.environment,
      at: input.at ?? new Date(),
      link: input.link,
      status: input.status,
      createdById: actor.userId === "system" ? null : actor.userId,
    });
    await recordAudit(tx, actor, {
      action: "deployment.create",
      entityType: "deployment",
      entityId: row.id,
      after: view(row),
    });
    return view(row);
  });
}

/** Newest first, within [from, to] (default: the 30 days before now) — the shape chart markers need. */
export async function listDeployments(actor: Actor, q: ListDeploymentsQuery): Promise<DeploymentList> {
  requireAnyScope(actor, ["deployments", "gate", "read"]);
  const db = await getDb();
  if (q.service && !(await findServiceRef(db, q.service))) throw notFound(`service "${q.service}"`);
  const to = new Date(q.to ?? Date.now());
  const from = new Date(q.from ?? to.getTime() - 30 * DAY_MS);
  const rows = await findDeployments({
    service: q.service,
    environment: q.environment,
    status: q.status,
    from,
    to,
    limit: q.limit,
  });
  return { items: rows.map(view), from: from.toISOString(), to: to.toISOString() };
}

export async function getDeployment(actor: Actor, id: string): Promise<DeploymentView> {
  requireAnyScope(actor, ["deployments", "gate", "read"]);
  const row = await findDeployment(await getDb(), id);
  if (!row) throw notFound(`deployment ${id}`);
  return view(row);
}

/**
 * Moves a deploy on (started → succeeded/failed, anything → rolled_back) or fixes its link. The update
 * only applies if the status is still the one read (compare-and-set), so two pipelines racing on the
 * same deploy get a 409 instead of silently overwriting each other.
 */
export async function updateDeployment(
  actor: Actor,
  id: string,
  input: UpdateDeploymentInput,
): Promise<DeploymentView> {
  const db = await getDb();
  const before = await findDeployment(db, id);
  if (!before) throw notFound(`deployment ${id}`);
  assertCanRecord(actor, before.service.teamId, before.service.slug);
  if (input.status && input.status !== before.status && !allowedNext(before.status).includes(input.status)) {
    throw new AppError("INVALID_STATE", `a ${before.status} deployment cannot become ${input.status}`, {
      status: `must be one of: ${allowedNext(before.status).join(", ") || "(none)"}`,
    });
  }
  return db.$transaction(async (tx) => {
    const applied = await updateDeploymentIfStatus(tx, id, before.status, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.link !== undefined ? { link: input.link } : {}),
    });
    if (!applied)
      throw new AppError("CONFLICT", "the deployment was changed by someone else; reload it", { status: "stale" });
    const after = (await findDeployment(tx, id))!;
    await recordAudit(tx, actor, {
      action: "deployment.update",
      entityType: "deployment",
      entityId: id,
      before: view(before),
      after: view(after),
    });
    return view(after);
  });
}

const allowedNext = (status: string): string[] =>
  status === "started" ? ["succeeded", "failed", "rolled_back"] : status === "rolled_back" ? [] : ["rolled_back"];
