import "server-only";
import { randomBytes } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { AppError, notFound, validation, type FieldErrors } from "@/lib/errors";
import { hashToken } from "@/lib/auth/tokens";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { integrationKind, integrationRoutes } from "@/lib/db/repos/integrations";
import type { CreateIntegrationInput, IntegrationRouteInput, UpdateIntegrationInput } from "@/lib/validation/oncall";
import type { IntegrationView, IntegrationWithTokenView } from "@/lib/validation/views/pages";
import { recordAudit } from "../audit";

// Alert intake integrations (admins only). Each has its own bearer token ("srecp_am_…", shown once, only
// its sha256 stored, like API tokens) and ordered routes: label matchers → service slug; the first match
// wins, else the default service, else the page is opened unrouted (nobody is paged, admins see it).

export const INTEGRATION_TOKEN_PREFIX = "srecp_am_";

function newToken() {
  const token = INTEGRATION_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, INTEGRATION_TOKEN_PREFIX.length + 6) };
}

type Row = Awaited<ReturnType<Db["integration"]["findUniqueOrThrow"]>>;

const view = (row: Row & { defaultService?: { slug: string } | null }): IntegrationView => ({
  id: row.id,
  name: row.name,
  kind: integrationKind(row),
  prefix: row.prefix,
  routes: integrationRoutes(row),
  defaultService: row.defaultService?.slug ?? null,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  webhookPath: "/api/v1/integrations/alertmanager",
});

/** 422 for routes or a default that name unknown services; returns the default service id. */
async function checkServices(
  db: Db,
  routes: IntegrationRouteInput[] | undefined,
  defaultService: string | null | undefined,
): Promise<string | null | undefined> {
  const slugs = [...(routes ?? []).map((r) => r.service), ...(defaultService ? [defaultService] : [])];
  const found = new Map(
    (await db.service.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } })).map((s) => [
      s.slug,
      s.id,
    ]),
  );
  const fields: FieldErrors = {};
  (routes ?? []).forEach((r, i) => {
    if (!found.has(r.service)) fields[`routes.${i}.service`] = `unknown service "${r.service}"`;
  });
  if (defaultService && !found.has(defaultService)) fields.defaultService = `unknown service "${defaultService}"`;
  if (Object.keys(fields).length) throw validation(fields);
  return defaultService === undefined ? undefined : defaultService ? found.get(defaultService)! : null;
}

async function withDefault(db: Db, row: Row): Promise<IntegrationView> {
  const service = row.defaultServiceId
    ? await db.service.findUnique({ where: { id: row.defaultServiceId }, select: { slug: true } })
    : null;
  return view({ ...row, defaultService: service });
}

/** Creates an integration; the token is in the answer once and never again. */
export async function createIntegration(
  actor: Actor,
  input: CreateIntegrationInput,
): Promise<IntegrationWithTokenView> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  const defaultServiceId = await checkServices(db, input.routes, input.defaultService);
  const { token, hash, prefix } = newToken();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.integration.create({
      data: {
        name: input.name,
        kind: "alertmanager",
        tokenHash: hash,
        prefix,
        routes: input.routes,
        defaultServiceId: defaultServiceId ?? null,
      },
    });
    await recordAudit(tx, actor, {
      action: "integration.create",
      entityType: "integration",
      entityId: created.id,
      after: { name: created.name, prefix, routes: input.routes, defaultService: input.defaultService },
    });
    return created;
  });
  return { ...(await withDefault(db, row)), token };
}

export async function listIntegrations(actor: Actor): Promise<{ items: IntegrationView[] }> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  const rows = await db.integration.findMany({ orderBy: { name: "asc" } });
  return { items: await Promise.all(rows.map((r) => withDefault(db, r))) };
}

async function load(db: Db, id: string) {
  const row = await db.integration.findUnique({ where: { id } });
  if (!row) throw notFound(`integration ${id}`);
  return row;
}

export async function getIntegration(actor: Actor, id: string): Promise<IntegrationView> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  return withDefault(db, await load(db, id));
}

export async function updateIntegration(
  actor: Actor,
  id: string,
  input: UpdateIntegrationInput,
): Promise<IntegrationView> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  const before = await load(db, id);
  const defaultServiceId = await checkServices(db, input.routes, input.defaultService);
  const row = await db.$transaction(async (tx) => {
    const after = await tx.integration.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.routes ? { routes: input.routes } : {}),
        ...(defaultServiceId !== undefined ? { defaultServiceId } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "integration.update",
      entityType: "integration",
      entityId: id,
      before: { ...before, tokenHash: undefined },
      after: { ...after, tokenHash: undefined },
    });
    return after;
  });
  return withDefault(db, row);
}

/** Issues a new token; the old one stops working at once. */
export async function rotateIntegrationToken(actor: Actor, id: string): Promise<IntegrationWithTokenView> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  const before = await load(db, id);
  if (before.revokedAt) throw new AppError("INVALID_STATE", "this integration is revoked");
  const { token, hash, prefix } = newToken();
  const row = await db.$transaction(async (tx) => {
    const after = await tx.integration.update({ where: { id }, data: { tokenHash: hash, prefix } });
    await recordAudit(tx, actor, {
      action: "integration.rotate",
      entityType: "integration",
      entityId: id,
      before: { prefix: before.prefix },
      after: { prefix },
    });
    return after;
  });
  return { ...(await withDefault(db, row)), token };
}

/** Revokes an integration: its token is refused from now on; its pages stay. */
export async function revokeIntegration(actor: Actor, id: string): Promise<IntegrationView> {
  assertAdmin(actor, "integrations");
  const db = await getDb();
  const before = await load(db, id);
  if (before.revokedAt) return withDefault(db, before);
  const row = await db.$transaction(async (tx) => {
    const after = await tx.integration.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "integration.revoke",
      entityType: "integration",
      entityId: id,
      before: { name: before.name, prefix: before.prefix },
    });
    return after;
  });
  return withDefault(db, row);
}

/** The live integration of a bearer token; null for unknown or revoked tokens. */
export async function integrationForToken(token: string) {
  const db = await getDb();
  const row = await db.integration.findUnique({ where: { tokenHash: hashToken(token) } });
  return row && !row.revokedAt ? row : null;
}
