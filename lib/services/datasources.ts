import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { notFound, validation } from "@/lib/errors";
import { checkOutboundUrl } from "@/lib/net/guarded-fetch";
import { assertAdmin, assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { DataSourceInput } from "@/lib/validation/slo";
import type { UpdateDataSourceInput } from "@/lib/validation/datasources";
import { parseDataSourceRow } from "@/lib/db/repos/datasources";
import type { DataSource } from "@/lib/db";
import type { DeletedView } from "@/lib/validation/views/catalog";
import type { DataSourceView } from "@/lib/validation/views/access";
import { recordAudit } from "./audit";
import { sealLegacySecretsOnce, sealSecrets } from "./datasource-secrets";
import { invalidateStatusCache } from "./slo/status-cache";
import { SYSTEM_ACTOR } from "./system-actor";

/** Secrets are never returned: only whether they are set. */
function publicView(row: DataSource): DataSourceView {
  const ds = parseDataSourceRow(row);
  return {
    id: ds.id,
    name: ds.name,
    url: ds.url,
    authType: ds.authType,
    basicUser: ds.basicUser,
    headers: ds.headers,
    timeoutMs: ds.timeoutMs,
    isDefault: ds.isDefault,
    createdAt: ds.createdAt.toISOString(),
    updatedAt: ds.updatedAt.toISOString(),
    hasBearerToken: Boolean(ds.bearerToken),
    hasBasicPassword: Boolean(ds.basicPassword),
  };
}

export async function listDataSources(actor: Actor): Promise<{ items: DataSourceView[] }> {
  assertCanRead(actor);
  await sealLegacySecretsOnce(SYSTEM_ACTOR);
  const db = await getDb();
  return { items: (await db.dataSource.findMany({ orderBy: { name: "asc" } })).map(publicView) };
}

/** Refuses a URL the outbound policy would block at fetch time, naming the field (422). */
async function assertAllowedUrl(url: string) {
  const verdict = await checkOutboundUrl(url, env().outboundPolicy);
  if (!verdict.ok) throw validation({ url: `this URL is not allowed: ${verdict.why}` }, "Invalid data source");
}

export async function createDataSource(actor: Actor, input: DataSourceInput): Promise<DataSourceView> {
  assertAdmin(actor, "data sources");
  await assertAllowedUrl(input.url);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    // Secrets are sealed (AES-256-GCM) before they reach the database; see lib/crypto/secret-box.ts.
    const ds = await tx.dataSource.create({ data: sealSecrets(input) });
    await recordAudit(tx, actor, {
      action: "datasource.create",
      entityType: "dataSource",
      entityId: ds.id,
      after: publicView(ds),
    });
    return ds;
  });
  return publicView(row);
}

/**
 * Changes the fields sent. A new URL is checked like on create; secrets follow sealSecrets (string →
 * sealed, null/"" → removed, absent → kept). `isDefault: true` makes this the source of services that
 * name none, in place of PROMETHEUS_URL; the previous default is cleared in the same transaction, under
 * an advisory lock so two admins choosing at once cannot leave two defaults.
 */
export async function updateDataSource(
  actor: Actor,
  id: string,
  input: UpdateDataSourceInput,
): Promise<DataSourceView> {
  assertAdmin(actor, "data sources");
  if (input.url !== undefined) await assertAllowedUrl(input.url);
  const db = await getDb();
  const { isDefault, ...fields } = input;
  const row = await db.$transaction(async (tx) => {
    const before = await tx.dataSource.findUnique({ where: { id } });
    if (!before) throw notFound(`data source ${id}`);
    if (isDefault === true) {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('srecp.datasource.default'))`);
      await tx.dataSource.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
    }
    const ds = await tx.dataSource.update({
      where: { id },
      data: { ...sealSecrets(fields), ...(isDefault === undefined ? {} : { isDefault }) },
    });
    await recordAudit(tx, actor, {
      action: "datasource.update",
      entityType: "dataSource",
      entityId: id,
      before: publicView(before),
      after: publicView(ds),
    });
    return ds;
  });
  invalidateStatusCache();
  return publicView(row);
}

export async function deleteDataSource(actor: Actor, id: string): Promise<DeletedView> {
  assertAdmin(actor, "data sources");
  const db = await getDb();
  const before = await db.dataSource.findUnique({ where: { id } });
  if (!before) throw notFound(`data source ${id}`);
  await db.$transaction(async (tx) => {
    await tx.dataSource.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "datasource.delete",
      entityType: "dataSource",
      entityId: id,
      before: publicView(before),
    });
  });
  invalidateStatusCache();
  return { deleted: id };
}
