import "server-only";
import { getDb } from "@/lib/db";
import { sharedCache } from "@/lib/cache/shared-cache";
import type { SloSortKey, SloStateFilter } from "@/lib/validation/slo";
import { normalAlertSettings, type AlertSettings, type AlertSettingsInput, type PolicyState, type Sli, type SloWindow } from "@/lib/slo";
import { inAppRunbook, type InAppRunbook } from "@/lib/slo/runbook";
import { publicBaseUrl } from "../notify/action-links";

/** The flattened view of an SLO and the version in force that the engine works with. */
export type SloDef = {
  id: string;
  name: string;
  description: string;
  runbookUrl: string | null;
  /** The in-app runbook pages (/runbooks/{id}/{tier}) and the tiers they cover; null when none has text. */
  inAppRunbook: InAppRunbook | null;
  alerting: boolean;
  labels: Record<string, string>;
  displayName: string;
  sliName: string;
  alertSettings: AlertSettings;
  revision: number;
  service: { id: string; slug: string; name: string; teamId: string; teamSlug: string; dataSourceId: string | null };
  version: { id: string; number: number; sli: Sli; objective: number; window: SloWindow; effectiveFrom: Date; status: string };
  /** A proposed definition awaiting sign-off, if any. */
  pending: { number: number; createdBy: string; createdAt: Date } | null;
  managedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type SloFilter = { ids?: string[]; serviceSlug?: string; teamSlug?: string; teamIds?: string[] };

const include = {
  service: { select: { id: true, slug: true, name: true, teamId: true, dataSourceId: true, team: { select: { slug: true } } } },
  versions: { where: { status: { in: ["active", "pending"] as string[] } }, orderBy: { number: "desc" as const } },
  // the newest version of each (tier) runbook: whether it has text decides the alerts' runbook_url
  runbooks: { orderBy: { version: "desc" as const }, distinct: ["tier"] as "tier"[], select: { tier: true, body: true } },
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];

async function findRows(filter: SloFilter) {
  const db = await getDb();
  return db.slo.findMany({
    where: {
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      ...(filter.serviceSlug ? { service: { slug: filter.serviceSlug } } : {}),
      ...(filter.teamSlug ? { service: { team: { slug: filter.teamSlug } } } : {}),
      ...(filter.teamIds ? { service: { teamId: { in: filter.teamIds } } } : {}),
    },
    include,
    orderBy: [{ service: { slug: "asc" } }, { name: "asc" }],
  });
}

function toDef(row: Row, includeUnsigned: boolean): SloDef | null {
  const pending = row.versions.find((x) => x.status === "pending") ?? null;
  // The version in force; an SLO whose first version awaits sign-off has none (unless asked for).
  const v = row.versions.find((x) => x.status === "active") ?? (includeUnsigned ? pending : null);
  if (!v) return null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    runbookUrl: row.runbookUrl,
    inAppRunbook: inAppRunbook(publicBaseUrl(), row.id, row.runbooks),
    alerting: row.alerting,
    labels: row.labels as Record<string, string>,
    displayName: row.displayName,
    sliName: row.sliName,
    alertSettings: normalAlertSettings(row.alertSettings as AlertSettingsInput),
    revision: row.revision,
    service: { id: row.service.id, slug: row.service.slug, name: row.service.name, teamId: row.service.teamId, teamSlug: row.service.team.slug, dataSourceId: row.service.dataSourceId },
    version: { id: v.id, number: v.number, sli: v.sli as Sli, objective: v.objective, window: v.window as SloWindow, effectiveFrom: v.effectiveFrom, status: v.status },
    pending: pending ? { number: pending.number, createdBy: pending.createdByLabel, createdAt: pending.createdAt } : null,
    managedBy: row.managedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * SLOs with a version in force, ordered by service then name. With includeUnsigned, SLOs whose only
 * version awaits sign-off come too, carrying that version (status "pending"): for lists and forms,
 * never for the status engine.
 */
export async function loadSloDefs(filter: SloFilter = {}, includeUnsigned = false): Promise<SloDef[]> {
  return (await findRows(filter)).map((r) => toDef(r, includeUnsigned)).filter((d): d is SloDef => d !== null);
}

export async function loadSloDef(id: string, includeUnsigned = false): Promise<SloDef | null> {
  return (await loadSloDefs({ ids: [id] }, includeUnsigned))[0] ?? null;
}

/**
 * Definitions for reads on the request path, kept for seconds per process and dropped in every process
 * when an SLO, version, service or team changes (database triggers, lib/cache/shared-cache.ts). Callers
 * must not mutate the object. Writes load their own (loadSloDef).
 */
const defs = sharedCache<SloDef | null>("slos", { ttlMs: 10_000, maxEntries: 20_000 });

export const cachedSloDef = (id: string): Promise<SloDef | null> => defs.get(id, () => loadSloDef(id, true));

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

function pageWhere(f: SloPageQuery) {
  const q = f.q?.trim();
  const state = !f.state
    ? {}
    : f.state === "pending"
      ? { versions: { none: { status: "active" } } }
      : f.state === "no_data"
        ? { versions: SIGNED, OR: [{ statusRow: { is: null } }, { statusRow: { serviceState: { in: ["no_data" as const] } } }, { statusRow: { serviceState: null } }] }
        : { versions: SIGNED, statusRow: { serviceState: f.state } };
  return {
    AND: [
      { versions: { some: { status: { in: ["active", "pending"] } } } },
      ...(f.serviceSlug || f.teamSlug ? [{ service: { ...(f.serviceSlug ? { slug: f.serviceSlug } : {}), ...(f.teamSlug ? { team: { slug: f.teamSlug } } : {}) } }] : []),
      ...(q ? [{ OR: [{ name: { contains: q, mode: "insensitive" as const } }, { service: { slug: { contains: q.toLowerCase() } } }, { service: { name: { contains: q, mode: "insensitive" as const } } }] }] : []),
      state,
    ],
  };
}

/** ORDER BY of a sort key; ties go by service then name, and SLOs without figures sort last both ways. */
function pageOrder(sort: SloSortKey, dir: "asc" | "desc") {
  const tie = [{ service: { slug: "asc" as const } }, { name: "asc" as const }];
  const last = (field: "budgetRemaining" | "burnRate" | "serviceState") => ({ statusRow: { [field]: { sort: dir, nulls: "last" as const } } });
  switch (sort) {
    case "name": return [{ name: dir }, ...tie];
    case "team": return [{ service: { team: { slug: dir } } }, ...tie];
    case "remaining": return [last("budgetRemaining"), ...tie];
    case "burn": return [last("burnRate"), ...tie];
    case "state": return [last("serviceState"), ...tie];
    default: return [{ service: { slug: dir } }, { name: dir }];
  }
}

/**
 * One page of SLOs (lists and forms: unsigned ones included) with the true total, filtered and sorted in
 * SQL over the status read model (budget left, fastest burn, the service's policy state) — the cost of a
 * page does not grow with the number of SLOs. `states`: each SLO's stored service policy state.
 */
export async function loadSloPage(filter: SloPageQuery, page: number, pageSize: number): Promise<{ defs: SloDef[]; total: number; states: Map<string, PolicyState | null> }> {
  const db = await getDb();
  const where = pageWhere(filter);
  const [ids, total] = await Promise.all([
    db.slo.findMany({ where, select: { id: true, statusRow: { select: { serviceState: true } } }, orderBy: pageOrder(filter.sort ?? "service", filter.dir ?? "asc"), skip: (page - 1) * pageSize, take: pageSize }),
    db.slo.count({ where }),
  ]);
  const states = new Map(ids.map((r) => [r.id, r.statusRow?.serviceState ?? null]));
  if (!ids.length) return { defs: [], total, states };
  const byId = new Map((await loadSloDefs({ ids: ids.map((r) => r.id) }, true)).map((d) => [d.id, d]));
  return { defs: ids.map((r) => byId.get(r.id)).filter((d): d is SloDef => d !== undefined), total, states };
}
