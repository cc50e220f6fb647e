import { getDb, withDbErrors } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertAdmin, assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { DataSourceInput } from "@/lib/validation/slo";
import { recordAudit } from "./audit";
import { invalidateStatusCache } from "./slo/status-cache";

/** Secrets are never returned: only whether they are set. */
const publicView = <T extends { bearerToken: string | null; basicPassword: string | null }>({ bearerToken, basicPassword, ...rest }: T) => ({
  ...rest, hasBearerToken: Boolean(bearerToken), hasBasicPassword: Boolean(basicPassword),
});

export async function listDataSources(actor: Actor) {
  assertCanRead(actor);
  const db = await getDb();
  return { items: (await db.dataSource.findMany({ orderBy: { name: "asc" } })).map(publicView) };
}

export async function createDataSource(actor: Actor, input: DataSourceInput) {
  assertAdmin(actor, "data sources");
  const db = await getDb();
  const row = await withDbErrors("data source", () =>
    db.$transaction(async (tx) => {
      const ds = await tx.dataSource.create({ data: input });
      await recordAudit(tx, actor, { action: "datasource.create", entityType: "dataSource", entityId: ds.id, after: publicView(ds) });
      return ds;
    }),
  );
  return publicView(row);
}

export async function deleteDataSource(actor: Actor, id: string) {
  assertAdmin(actor, "data sources");
  const db = await getDb();
  const before = await db.dataSource.findUnique({ where: { id } });
  if (!before) throw notFound(`data source ${id}`);
  await db.$transaction(async (tx) => {
    await tx.dataSource.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "datasource.delete", entityType: "dataSource", entityId: id, before: publicView(before) });
  });
  invalidateStatusCache();
  return { deleted: id };
}
