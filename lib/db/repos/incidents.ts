import "server-only";
import type { BudgetTrigger } from "@/lib/postmortem";
import type { UserLiteView } from "@/lib/validation/views/incidents";
import type { Prisma } from "../generated/client";
import { likeLiteral } from "../search";
import { parseBudgetTriggerColumn } from "./postmortems";

// Incidents as the services read them: the row with the relations its API view needs (owning team,
// affected services, roles, the postmortem's state, linked pages, action items' priorities), one at a
// time or a filtered page, and the users that hold its roles. The postmortem's budget trigger (JSON) is parsed.

type Client = Prisma.TransactionClient;

const incidentInclude = {
  team: { select: { id: true, slug: true, name: true, timezone: true } },
  services: { select: { service: { select: { id: true, slug: true, name: true, teamId: true } } } },
  roles: { orderBy: { assignedAt: "asc" as const } },
  postmortem: {
    select: { id: true, status: true, dueAt: true, publishedAt: true, revision: true, budgetTrigger: true },
  },
  pages: { select: { id: true, title: true, status: true, openedAt: true } },
  actionItems: { select: { priority: true, status: true } },
} as const;

type StoredRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;
type StoredPostmortem = NonNullable<StoredRow["postmortem"]>;
export type IncidentRow = Omit<StoredRow, "postmortem"> & {
  postmortem: (Omit<StoredPostmortem, "budgetTrigger"> & { budgetTrigger: BudgetTrigger | null }) | null;
};

const parseRow = (row: StoredRow): IncidentRow => ({
  ...row,
  postmortem: row.postmortem && {
    ...row.postmortem,
    budgetTrigger: parseBudgetTriggerColumn(row.postmortem.id, row.postmortem.budgetTrigger),
  },
});

export const findIncidentRow = async (db: Client, id: string): Promise<IncidentRow> =>
  parseRow(await db.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude }));

export type IncidentFilter = { status?: string; severity?: string; team?: string; service?: string; q?: string };

/** The list's filters: status "open" = not resolved; `q` matches the title or the number ("42", "INC-42"). */
function whereOf(f: IncidentFilter): Prisma.IncidentWhereInput {
  const numberQuery = f.q ? /^(?:inc-)?(\d{1,9})$/i.exec(f.q) : null;
  return {
    ...(f.status === "open" ? { status: { not: "resolved" } } : f.status ? { status: f.status } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.team ? { team: { slug: f.team } } : {}),
    ...(f.service ? { services: { some: { service: { slug: f.service } } } } : {}),
    ...(f.q
      ? {
          OR: [
            { title: { contains: likeLiteral(f.q), mode: "insensitive" as const } },
            ...(numberQuery ? [{ number: Number(numberQuery[1]) }] : []),
          ],
        }
      : {}),
  };
}

/** One page of matching incidents, newest first, with the total count. */
export async function findIncidentPage(
  db: Client,
  f: IncidentFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: IncidentRow[]; total: number }> {
  const where = whereOf(f);
  const [rows, total] = await Promise.all([
    db.incident.findMany({
      where,
      include: incidentInclude,
      orderBy: [{ createdAt: "desc" }, { number: "desc" }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.incident.count({ where }),
  ]);
  return { rows: rows.map(parseRow), total };
}

/** Users by id (role holders, owners, reviewers), in one query. */
export async function usersById(db: Pick<Client, "user">, ids: Iterable<string>): Promise<Map<string, UserLiteView>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(rows.map((u) => [u.id, u]));
}
