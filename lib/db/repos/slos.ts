import "server-only";
import type { z } from "zod";
import {
  storedAlertSettingsSchema,
  storedLabelsSchema,
  storedSliSchema,
  storedVersionStatusSchema,
  storedWindowSchema,
} from "@/lib/validation/slo-stored";
import type { SloSortKey, SloStateFilter } from "@/lib/validation/slo";
import { sloStatusBody, type SloStatusBody } from "@/lib/validation/views/slos";
import { getDb } from "../client";
import type { Prisma } from "../generated/client";
import type { PolicyStateName } from "../generated/enums";
import { parseColumn } from "./parse-column";

// SLOs with their versions and stored statuses, as the services use them: every JSON column (labels,
// alertSettings, sli, window, the status body) and the version's status parsed on read with the shapes
// of lib/validation/slo-stored.ts. A row that does not match throws, naming table, id and column.

type Client = Prisma.TransactionClient;

export type SloVersionRow = Omit<Prisma.SloVersionModel, "sli" | "window" | "status"> & {
  sli: z.infer<typeof storedSliSchema>;
  window: z.infer<typeof storedWindowSchema>;
  status: z.infer<typeof storedVersionStatusSchema>;
};
type SloJson = { labels: z.infer<typeof storedLabelsSchema>; alertSettings: z.infer<typeof storedAlertSettingsSchema> };
type ParsedSlo<T extends Prisma.SloModel> = Omit<T, "labels" | "alertSettings" | "versions"> & SloJson;

export function parseVersionRow(row: Prisma.SloVersionModel): SloVersionRow {
  const at = (field: string) => ({ table: "SloVersion", id: row.id, field });
  return {
    ...row,
    sli: parseColumn(storedSliSchema, row.sli, at("sli")),
    window: parseColumn(storedWindowSchema, row.window, at("window")),
    status: parseColumn(storedVersionStatusSchema, row.status, at("status")),
  };
}

function parseSloRow<T extends Prisma.SloModel & { versions: Prisma.SloVersionModel[] }>(
  row: T,
): ParsedSlo<T> & { versions: SloVersionRow[] } {
  const at = (field: string) => ({ table: "Slo", id: row.id, field });
  return {
    ...row,
    labels: parseColumn(storedLabelsSchema, row.labels, at("labels")),
    alertSettings: parseColumn(storedAlertSettingsSchema, row.alertSettings, at("alertSettings")),
    versions: row.versions.map(parseVersionRow),
  };
}

// --- the definitions the status engine, lists and forms work with (lib/services/slo/store.ts) ---

export type SloFilter = { ids?: string[]; serviceSlug?: string; teamSlug?: string; teamIds?: string[] };

const defInclude = {
  service: {
    select: { id: true, slug: true, name: true, teamId: true, dataSourceId: true, team: { select: { slug: true } } },
  },
  versions: { where: { status: { in: ["active", "pending"] } }, orderBy: { number: "desc" } },
  // the newest version of each (tier) runbook: whether it has text decides the alerts' runbook_url
  runbooks: { orderBy: { version: "desc" }, distinct: ["tier"], select: { tier: true, body: true } },
} satisfies Prisma.SloInclude;

/** SLOs with their signed and pending versions (newest first), service, team and runbook heads; ordered by service then name. */
export async function findSloDefRows(filter: SloFilter) {
  const db = await getDb();
  const rows = await db.slo.findMany({
    where: {
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      ...(filter.serviceSlug ? { service: { slug: filter.serviceSlug } } : {}),
      ...(filter.teamSlug ? { service: { team: { slug: filter.teamSlug } } } : {}),
      ...(filter.teamIds ? { service: { teamId: { in: filter.teamIds } } } : {}),
    },
    include: defInclude,
    orderBy: [{ service: { slug: "asc" } }, { name: "asc" }],
  });
  return rows.map(parseSloRow);
}
export type SloDefRow = Awaited<ReturnType<typeof findSloDefRows>>[number];

export type SloPageQuery = {
  serviceSlug?: string;
  teamSlug?: string;
  /** Text in the SLO's name, the service's slug or name (case-insensitive). */
  q?: string;
  state?: SloStateFilter;
  sort?: SloSortKey;
  dir?: "asc" | "desc";
};

const SIGNED = { some: { status: "active" } } as const;

function pageWhere(f: SloPageQuery): Prisma.SloWhereInput {
  const q = f.q?.trim();
  const state = !f.state
    ? {}
    : f.state === "pending"
      ? { versions: { none: { status: "active" } } }
      : f.state === "no_data"
        ? {
            versions: SIGNED,
            OR: [
              { statusRow: { is: null } },
              { statusRow: { serviceState: { in: ["no_data" as const] } } },
              { statusRow: { serviceState: null } },
            ],
          }
        : { versions: SIGNED, statusRow: { serviceState: f.state } };
  return {
    AND: [
      { versions: { some: { status: { in: ["active", "pending"] } } } },
      ...(f.serviceSlug || f.teamSlug
        ? [
            {
              service: {
                ...(f.serviceSlug ? { slug: f.serviceSlug } : {}),
                ...(f.teamSlug ? { team: { slug: f.teamSlug } } : {}),
              },
            },
          ]
        : []),
      ...(q
        ? [
            {
              OR: [
                { name: { contains: q, mode: "insensitive" as const } },
                { service: { slug: { contains: q.toLowerCase() } } },
                { service: { name: { contains: q, mode: "insensitive" as const } } },
              ],
            },
          ]
        : []),
      state,
    ],
  };
}

/** ORDER BY of a sort key; ties go by service then name, and SLOs without figures sort last both ways. */
function pageOrder(sort: SloSortKey, dir: "asc" | "desc"): Prisma.SloOrderByWithRelationInput[] {
  const tie = [{ service: { slug: "asc" as const } }, { name: "asc" as const }];
  const last = (field: "budgetRemaining" | "burnRate" | "serviceState") => ({
    statusRow: { [field]: { sort: dir, nulls: "last" as const } },
  });
  switch (sort) {
    case "name":
      return [{ name: dir }, ...tie];
    case "team":
      return [{ service: { team: { slug: dir } } }, ...tie];
    case "remaining":
      return [last("budgetRemaining"), ...tie];
    case "burn":
      return [last("burnRate"), ...tie];
    case "state":
      return [last("serviceState"), ...tie];
    default:
      return [{ service: { slug: dir } }, { name: dir }];
  }
}

/** A listing in order: the ids of every matching SLO (signed or pending), each with its stored service policy state. */
export type SloOrder = { ids: string[]; states: (PolicyStateName | null)[] };

/**
 * Every matching SLO's id in list order (ONE statement; the caller pages it and caches it until the rows
 * behind it change — lib/services/slo/slo-page.ts), with its service's stored policy state.
 */
export async function findSloOrder(filter: SloPageQuery): Promise<SloOrder> {
  const db = await getDb();
  const rows = await db.slo.findMany({
    where: pageWhere(filter),
    select: { id: true, statusRow: { select: { serviceState: true } } },
    orderBy: pageOrder(filter.sort ?? "service", filter.dir ?? "asc"),
  });
  return { ids: rows.map((r) => r.id), states: rows.map((r) => r.statusRow?.serviceState ?? null) };
}

// --- one SLO with every version (writes, version history) ---

const fullInclude = {
  service: { select: { slug: true, teamId: true, dataSourceId: true } },
  versions: { orderBy: { number: "desc" } },
} satisfies Prisma.SloInclude;

/** The SLO with its service and every version, newest first; null when absent. */
export async function findSloWithVersions(db: Client, id: string) {
  const row = await db.slo.findUnique({ where: { id }, include: fullInclude });
  return row ? parseSloRow(row) : null;
}
export type SloWithVersions = NonNullable<Awaited<ReturnType<typeof findSloWithVersions>>>;

/** Version `number` of an SLO; null when absent. */
export async function findSloVersion(db: Client, sloId: string, number: number): Promise<SloVersionRow | null> {
  const row = await db.sloVersion.findUnique({ where: { sloId_number: { sloId, number } } });
  return row ? parseVersionRow(row) : null;
}

/** The version in force, else the newest pending one; null when the SLO has neither. */
export async function findLiveVersion(db: Client, sloId: string): Promise<SloVersionRow | null> {
  const row = await db.sloVersion.findFirst({
    where: { sloId, status: { in: ["active", "pending"] } },
    orderBy: [{ status: "asc" }, { number: "desc" }],
  });
  return row ? parseVersionRow(row) : null;
}

// --- the status read model (SloStatusRow) ---

export type StatusRow = { sloId: string; versionId: string; body: SloStatusBody; computedAtMs: number; stale: boolean };

/** The stored statuses of the given SLOs: ONE statement whatever their number (the status endpoint's cost rests on it). */
export async function findStatusRows(sloIds: string[]): Promise<StatusRow[]> {
  if (!sloIds.length) return [];
  const db = await getDb();
  const rows = await db.sloStatusRow.findMany({
    where: { sloId: { in: sloIds } },
    select: { sloId: true, versionId: true, body: true, computedAt: true, stale: true },
  });
  return rows.map((r) => ({
    sloId: r.sloId,
    versionId: r.versionId,
    body: parseColumn(sloStatusBody, r.body, { table: "SloStatusRow", id: r.sloId, field: "body" }),
    computedAtMs: r.computedAt.getTime(),
    stale: r.stale,
  }));
}
