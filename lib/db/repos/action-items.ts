import "server-only";
import type { Prisma } from "../generated/client";

// Action items as the services read them: the row with its incident, service and the team whose zone
// its due date is in; one, a page or all matching, in the list's order (due first, then priority, age).

type Client = Prisma.TransactionClient;

const actionItemInclude = {
  incident: {
    select: {
      id: true,
      number: true,
      title: true,
      teamId: true,
      team: { select: { slug: true, name: true, timezone: true } },
    },
  },
  service: {
    select: {
      id: true,
      slug: true,
      name: true,
      teamId: true,
      team: { select: { slug: true, name: true, timezone: true } },
    },
  },
} as const;

export type ActionItemRow = Prisma.ActionItemGetPayload<{ include: typeof actionItemInclude }>;

const ORDER: Prisma.ActionItemOrderByWithRelationInput[] = [
  { dueDate: { sort: "asc", nulls: "last" } },
  { priority: "asc" },
  { createdAt: "asc" },
  { id: "asc" },
];

export const findActionItemRow = (db: Client, id: string): Promise<ActionItemRow | null> =>
  db.actionItem.findUnique({ where: { id }, include: actionItemInclude });

/** Every matching item in the list's order (for filters decided per item, such as overdue). */
export const findActionItemRows = (db: Client, where: Prisma.ActionItemWhereInput): Promise<ActionItemRow[]> =>
  db.actionItem.findMany({ where, include: actionItemInclude, orderBy: ORDER });

/** One page of matching items in the list's order, with the total count. */
export async function findActionItemPage(
  db: Client,
  where: Prisma.ActionItemWhereInput,
  page: { page: number; pageSize: number },
): Promise<{ rows: ActionItemRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.actionItem.findMany({
      where,
      include: actionItemInclude,
      orderBy: ORDER,
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.actionItem.count({ where }),
  ]);
  return { rows, total };
}

/** An incident's items in the order they were written down (the postmortem's list). */
export const findIncidentActionItemRows = (db: Client, incidentId: string): Promise<ActionItemRow[]> =>
  db.actionItem.findMany({
    where: { incidentId },
    include: actionItemInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

export const createActionItemRow = (db: Client, data: Prisma.ActionItemUncheckedCreateInput): Promise<ActionItemRow> =>
  db.actionItem.create({ data, include: actionItemInclude });
