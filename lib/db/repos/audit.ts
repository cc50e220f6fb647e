import "server-only";
import type { Prisma } from "../generated/client";

// The audit log as the admin page and GET /audit read it: newest first (id breaks ties in one millisecond).

type Client = Prisma.TransactionClient;

export type AuditFilter = { entityType?: string; entityId?: string };

export async function findAuditPage(
  db: Client,
  f: AuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: Prisma.AuditEventModel[]; total: number }> {
  const where = { entityType: f.entityType, entityId: f.entityId };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { rows, total };
}
