import "server-only";
import { getDb, type Db } from "@/lib/db";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import type { Pagination } from "@/lib/validation/common";
import { findAuditPage } from "@/lib/db/repos/audit";
import type { AuditPage } from "@/lib/validation/views/access";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy: Dates become ISO strings, undefined fields vanish. */
const snapshot = (v: unknown) => (v === undefined || v === null ? undefined : JSON.parse(JSON.stringify(v)));

/** Writes one audit event in the caller's transaction, so a change and its record commit together. */
export async function recordAudit(tx: Tx | Db, actor: Actor | null, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: actor && actor.userId !== "system" ? actor.userId : null,
      actorLabel: actor?.email ?? "system",
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: snapshot(input.before),
      after: snapshot(input.after),
    },
  });
}

export type AuditQuery = Pagination & { entityType?: string; entityId?: string };

/** Newest first. Admins only: the audit log may show other teams' changes. */
export async function listAudit(actor: Actor, q: AuditQuery): Promise<AuditPage> {
  assertAdmin(actor, "the audit log");
  const { rows, total } = await findAuditPage(await getDb(), { entityType: q.entityType, entityId: q.entityId }, q);
  return {
    items: rows.map((e) => ({
      id: e.id,
      actorId: e.actorId,
      actorLabel: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      at: e.at.toISOString(),
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}
