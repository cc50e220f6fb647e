import "server-only";
import type { Prisma } from "../generated/client";
import { likeLiteral } from "../search";

// Teams and services as the catalog services read them: the columns their views show, one, a page or by
// id inside a transaction. Writes stay in lib/services (each with its audit event in the same transaction).

type Client = Prisma.TransactionClient;
type PageArgs = { page: number; pageSize: number };

const teamSelect = {
  id: true,
  slug: true,
  name: true,
  timezone: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { services: true, memberships: true } },
} as const;
const teamWithMembersSelect = {
  ...teamSelect,
  memberships: { select: { user: { select: { id: true, email: true, name: true, role: true } } } },
} as const;

export type TeamCountsRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;
export type TeamMembersRow = Prisma.TeamGetPayload<{ select: typeof teamWithMembersSelect }>;

/** Teams by slug, one page, with the total count. */
export async function findTeamPage(db: Client, page: PageArgs): Promise<{ rows: TeamCountsRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.team.findMany({
      select: teamSelect,
      orderBy: { slug: "asc" },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.team.count(),
  ]);
  return { rows, total };
}

export const findTeamWithMembers = (db: Client, slug: string): Promise<TeamMembersRow | null> =>
  db.team.findUnique({ where: { slug }, select: teamWithMembersSelect });

/** The columns of a service's view (lib/validation/views/catalog.ts serviceView). */
export const serviceSelect = {
  id: true,
  slug: true,
  name: true,
  tier: true,
  description: true,
  runbookUrl: true,
  repoUrl: true,
  dashboardUrl: true,
  managedBy: true,
  version: true,
  dataSource: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, slug: true, name: true, timezone: true } },
} as const;

export type ServiceRow = Prisma.ServiceGetPayload<{ select: typeof serviceSelect }>;

/** `team`: a team's slug; `q`: part of the slug (lower-cased) or of the name (any case), taken literally. */
export type ServiceFilter = { team?: string; q?: string };

const serviceWhere = (f: ServiceFilter): Prisma.ServiceWhereInput => ({
  ...(f.team ? { team: { slug: f.team } } : {}),
  ...(f.q
    ? {
        OR: [
          { slug: { contains: likeLiteral(f.q.toLowerCase()) } },
          { name: { contains: likeLiteral(f.q), mode: "insensitive" as const } },
        ],
      }
    : {}),
});

/** Matching services by slug, one page, with the total count. */
export async function findServicePage(
  db: Client,
  f: ServiceFilter,
  page: PageArgs,
): Promise<{ rows: ServiceRow[]; total: number }> {
  const where = serviceWhere(f);
  const [rows, total] = await Promise.all([
    db.service.findMany({
      where,
      select: serviceSelect,
      orderBy: { slug: "asc" },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.service.count({ where }),
  ]);
  return { rows, total };
}

export const findServiceBySlug = (db: Client, slug: string): Promise<ServiceRow | null> =>
  db.service.findUnique({ where: { slug }, select: serviceSelect });
export const findServiceById = (db: Client, id: string): Promise<ServiceRow> =>
  db.service.findUniqueOrThrow({ where: { id }, select: serviceSelect });
