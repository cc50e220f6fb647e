import "server-only";
import { getDb, type Db } from "@/lib/db";
import { findServiceById, findServiceBySlug, findServicePage, serviceSelect } from "@/lib/db/repos/catalog";
import { AppError, notFound } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { CreateServiceInput, ListServicesQuery, UpdateServiceInput } from "@/lib/validation/catalog";
import type { DeletedView, ServicePage, ServiceView } from "@/lib/validation/views/catalog";
import { toServiceView } from "./catalog-views";
import { recordAudit } from "./audit";

/** Data source name → id; undefined = leave unchanged, null/"" = the default source. */
async function dataSourceId(db: Db, name: string | null | undefined): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (!name) return null;
  const ds = await db.dataSource.findUnique({ where: { name } });
  if (!ds)
    throw new AppError("VALIDATION", `data source "${name}" does not exist`, {
      dataSource: `unknown data source "${name}"`,
    });
  return ds.id;
}

async function teamBySlug(db: Db, slug: string) {
  const team = await db.team.findUnique({ where: { slug } });
  if (!team) throw new AppError("VALIDATION", `team "${slug}" does not exist`, { team: `unknown team "${slug}"` });
  return team;
}

export async function listServices(actor: Actor, q: ListServicesQuery): Promise<ServicePage> {
  assertCanRead(actor);
  const { rows, total } = await findServicePage(await getDb(), { team: q.team, q: q.q }, q);
  return { items: rows.map(toServiceView), page: q.page, pageSize: q.pageSize, total };
}

export async function getService(actor: Actor, slug: string): Promise<ServiceView> {
  assertCanRead(actor);
  const service = await findServiceBySlug(await getDb(), slug);
  if (!service) throw notFound(`service "${slug}"`);
  return toServiceView(service);
}

export async function createService(actor: Actor, input: CreateServiceInput): Promise<ServiceView> {
  const db = await getDb();
  const team = await teamBySlug(db, input.team);
  assertCanEditTeam(actor, team.id, `services of team "${team.slug}"`);
  const { team: _team, dataSource, ...data } = input;
  const dsId = await dataSourceId(db, dataSource);
  return db.$transaction(async (tx) => {
    const created = await tx.service.create({
      data: { ...data, teamId: team.id, dataSourceId: dsId ?? null },
      select: serviceSelect,
    });
    await recordAudit(tx, actor, {
      action: "service.create",
      entityType: "service",
      entityId: created.id,
      after: created,
    });
    return toServiceView(created);
  });
}

/**
 * Partial update. When `version` is sent, the update only applies if the stored version still
 * matches (409 otherwise), so two editors never silently overwrite each other.
 */
export async function updateService(actor: Actor, slug: string, input: UpdateServiceInput): Promise<ServiceView> {
  const db = await getDb();
  const before = await getService(actor, slug);
  assertCanEditTeam(actor, before.team.id, `service "${slug}"`);
  const { team: teamSlug, version, dataSource, ...rest } = input;
  const data: Record<string, unknown> = { ...rest };
  const dsId = await dataSourceId(db, dataSource);
  if (dsId !== undefined) data.dataSourceId = dsId;
  if (teamSlug && teamSlug !== before.team.slug) {
    const team = await teamBySlug(db, teamSlug);
    assertCanEditTeam(actor, team.id, `services of team "${team.slug}"`);
    data.teamId = team.id;
  }
  return db.$transaction(async (tx) => {
    const res = await tx.service.updateMany({
      where: { id: before.id, version: version ?? before.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (res.count === 0) {
      throw new AppError(
        "CONFLICT",
        `service "${slug}" was changed by someone else (your version ${version}); reload and apply your edit again`,
        { version: "stale" },
      );
    }
    const after = await findServiceById(tx, before.id);
    await recordAudit(tx, actor, {
      action: "service.update",
      entityType: "service",
      entityId: before.id,
      before,
      after,
    });
    return toServiceView(after);
  });
}

export async function deleteService(actor: Actor, slug: string): Promise<DeletedView> {
  const db = await getDb();
  const before = await getService(actor, slug);
  assertCanEditTeam(actor, before.team.id, `service "${slug}"`);
  await db.$transaction(async (tx) => {
    await tx.service.delete({ where: { id: before.id } });
    await recordAudit(tx, actor, { action: "service.delete", entityType: "service", entityId: before.id, before });
  });
  return { deleted: slug };
}
