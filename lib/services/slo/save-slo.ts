import "server-only";
import { getDb } from "@/lib/db";
import { findSloWithVersions } from "@/lib/db/repos/slos";
import { AppError, notFound } from "@/lib/errors";
import { assertCanEditTeam, atLeast, inTeam, type Actor } from "@/lib/auth/permissions";
import { definitionChanged } from "@/lib/slo/definition";
import type { CreateSloInput, UpdateSloInput } from "@/lib/validation/slo";
import type { DeletedView, SloSavedView } from "@/lib/validation/views/slos";
import { recordAudit } from "../audit";
import { toView, versionViews } from "./read-slos";
import { invalidateStatusCache } from "./status-cache";
import { loadSloDef } from "./store";
import { validateSli } from "./validate-sli";

/**
 * Sign-off: a definition written by an approver (or admin) of the team is signed by that act and is in
 * force at once; one written by an editor is a pending version until an approver signs it off
 * (lib/services/slo/sign-off.ts), and the signed version stays in force meanwhile.
 */
const selfSigned = (actor: Actor, teamId: string) => atLeast(actor, "approver") && inTeam(actor, teamId);
const signature = (actor: Actor, teamId: string) =>
  selfSigned(actor, teamId)
    ? {
        status: "active",
        reviewedById: userId(actor),
        reviewedAt: new Date(),
        reviewComment: "Signed off by its author (approver)",
      }
    : { status: "pending" };

/** Creates an SLO and its first version. PromQL is checked before anything is saved. */
export async function createSlo(actor: Actor, input: CreateSloInput): Promise<SloSavedView> {
  const db = await getDb();
  const service = await db.service.findUnique({
    where: { slug: input.service },
    select: { id: true, slug: true, teamId: true, dataSourceId: true },
  });
  if (!service)
    throw new AppError("VALIDATION", `service "${input.service}" does not exist`, {
      service: `unknown service "${input.service}"`,
    });
  assertCanEditTeam(actor, service.teamId, `SLOs of service "${service.slug}"`);
  await validateSli(input.sli, service.dataSourceId);
  const created = await db.$transaction(async (tx) => {
    const slo = await tx.slo.create({
      data: {
        serviceId: service.id,
        name: input.name,
        description: input.description,
        runbookUrl: input.runbookUrl,
        alerting: input.alerting,
        labels: input.labels,
        displayName: input.displayName,
        sliName: input.sliName,
        alertSettings: input.alertSettings,
        managedBy: input.managedBy ?? null,
        versions: {
          create: {
            number: 1,
            sliKind: input.sli.kind,
            sli: input.sli,
            objective: input.objective,
            window: input.window,
            ...signature(actor, service.teamId),
            effectiveFrom: new Date(),
            createdById: userId(actor),
            createdByLabel: actor.email,
          },
        },
      },
      select: { id: true },
    });
    // The audit snapshot is the row as it reads back (JSON columns parsed), like update's and delete's.
    const after = await findSloWithVersions(tx, slo.id);
    await recordAudit(tx, actor, { action: "slo.create", entityType: "slo", entityId: slo.id, after });
    return slo;
  });
  invalidateStatusCache();
  return savedView(created.id);
}

/**
 * Changes an SLO. A change of SLI, objective or window never edits history: it supersedes the version
 * in force with a new immutable version effective from now. `revision` (optional) guards against
 * concurrent edits: a stale revision is a 409.
 */
export async function updateSlo(actor: Actor, id: string, input: UpdateSloInput): Promise<SloSavedView> {
  const db = await getDb();
  const before = await findSloWithVersions(db, id);
  if (!before) throw notFound(`SLO ${id}`);
  assertCanEditTeam(actor, before.service.teamId, `SLO "${before.name}"`);
  // An edit builds on the newest definition, signed or still pending.
  const current =
    before.versions.find((v) => v.status === "pending") ??
    before.versions.find((v) => v.status === "active") ??
    before.versions[0]!;
  const { revision, sli, objective, window, ...meta } = input;
  const newVersion = definitionChanged(current, { sli, objective, window });
  if (sli) await validateSli(sli, before.service.dataSourceId);
  const after = await db.$transaction(async (tx) => {
    const bumped = await tx.slo.updateMany({
      where: { id, revision: revision ?? before.revision },
      data: { ...meta, revision: { increment: 1 } },
    });
    if (bumped.count === 0)
      throw new AppError(
        "CONFLICT",
        `SLO "${before.name}" was changed by someone else (your revision ${revision}, now ${before.revision + 1} or later); reload and apply your edit again`,
        { revision: "stale" },
      );
    if (newVersion) {
      const next = sli ?? current.sli;
      const sig = signature(actor, before.service.teamId);
      // A newer proposal replaces an older pending one; a signed one also supersedes the version in force.
      await tx.sloVersion.updateMany({ where: { sloId: id, status: "pending" }, data: { status: "withdrawn" } });
      if (sig.status === "active")
        await tx.sloVersion.updateMany({ where: { sloId: id, status: "active" }, data: { status: "superseded" } });
      await tx.sloVersion.create({
        data: {
          sloId: id,
          number: before.versions[0]!.number + 1,
          sliKind: next.kind,
          sli: next,
          objective: objective ?? current.objective,
          window: window ?? current.window,
          ...sig,
          effectiveFrom: new Date(),
          createdById: userId(actor),
          createdByLabel: actor.email,
        },
      });
    }
    const row = (await findSloWithVersions(tx, id))!;
    await recordAudit(tx, actor, {
      action: newVersion ? "slo.version.create" : "slo.update",
      entityType: "slo",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  invalidateStatusCache();
  return savedView(after.id);
}

export async function deleteSlo(actor: Actor, id: string): Promise<DeletedView> {
  const db = await getDb();
  const before = await findSloWithVersions(db, id);
  if (!before) throw notFound(`SLO ${id}`);
  assertCanEditTeam(actor, before.service.teamId, `SLO "${before.name}"`);
  await db.$transaction(async (tx) => {
    await tx.slo.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "slo.delete", entityType: "slo", entityId: id, before });
  });
  invalidateStatusCache();
  return { deleted: id };
}

/** The saved SLO as GET /api/v1/slos/{id} answers it, with every version (read after the commit, not from a cache). */
async function savedView(id: string): Promise<SloSavedView> {
  const db = await getDb();
  const [def, row] = await Promise.all([loadSloDef(id, true), findSloWithVersions(db, id)]);
  if (!def || !row) throw notFound(`SLO ${id}`);
  return { ...toView(def), versions: await versionViews(db, row.versions) };
}

const userId = (actor: Actor) => (actor.userId === "system" ? null : actor.userId);
