import "server-only";
import { storedSignalsSchema, type StoredSignals } from "@/lib/validation/signals";
import type { Prisma } from "../generated/client";
import { likeLiteral } from "../search";
import { parseColumn } from "./parse-column";

// Teams and services as the catalog services read them: the columns their views show, one, a page or by
// id inside a transaction. Writes stay in lib/services (each with its audit event in the same transaction),
// except the golden signals' JSON column, written here so that it is checked with the schema it is read with.

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

/** A service's own descriptive columns, for its view and for its SLOs-as-code spec (repos/slo-as-code.ts). */
export const serviceFields = {
  slug: true,
  name: true,
  tier: true,
  description: true,
  runbookUrl: true,
  repoUrl: true,
  dashboardUrl: true,
  managedBy: true,
  version: true,
} as const;

/** The columns of a service's view (lib/validation/views/catalog.ts serviceView). */
export const serviceSelect = {
  id: true,
  ...serviceFields,
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

/** What a use case needs to authorize and route work for a service: its owner and data source (no JSON column). */
const serviceRefSelect = {
  id: true,
  slug: true,
  name: true,
  teamId: true,
  dataSourceId: true,
  version: true,
} as const;
export type ServiceRef = Prisma.ServiceGetPayload<{ select: typeof serviceRefSelect }>;

export const findServiceRef = (db: Client, slug: string): Promise<ServiceRef | null> =>
  db.service.findUnique({ where: { slug }, select: serviceRefSelect });

export const findServiceBySlug = (db: Client, slug: string): Promise<ServiceRow | null> =>
  db.service.findUnique({ where: { slug }, select: serviceSelect });
export const findServiceById = (db: Client, id: string): Promise<ServiceRow> =>
  db.service.findUniqueOrThrow({ where: { id }, select: serviceSelect });

// --- a service's golden signals (Service.signals, parsed with lib/validation/signals.ts storedSignalsSchema) ---

const signalsSelect = { id: true, slug: true, teamId: true, dataSourceId: true, version: true, signals: true } as const;
export type ServiceSignalsRow = Omit<Prisma.ServiceGetPayload<{ select: typeof signalsSelect }>, "signals"> & {
  signals: StoredSignals;
};

/** The service (by slug or id) with its configured signal queries; null when there is none. */
export async function findServiceSignals(
  db: Client,
  where: { slug: string } | { id: string },
): Promise<ServiceSignalsRow | null> {
  const row = await db.service.findUnique({ where, select: signalsSelect });
  if (!row) return null;
  return {
    ...row,
    signals: parseColumn(storedSignalsSchema, row.signals, { table: "Service", id: row.id, field: "signals" }),
  };
}

/**
 * Replaces the service's signal queries if it is still at `version` (and bumps it); false when it is not.
 * The value is checked with the read schema first, so what is written always reads back.
 */
export async function updateServiceSignals(
  db: Client,
  id: string,
  version: number,
  signals: StoredSignals,
): Promise<boolean> {
  const res = await db.service.updateMany({
    where: { id, version },
    data: { signals: storedSignalsSchema.parse(signals), version: { increment: 1 } },
  });
  return res.count > 0;
}
