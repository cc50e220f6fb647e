import "server-only";
import { findSloDefRows, type SloDefRow, type SloFilter, type SloPageQuery } from "@/lib/db/repos/slos";
import { batched } from "@/lib/cache/batch";
import { sharedCache } from "@/lib/cache/shared-cache";
import { normalAlertSettings, type AlertSettings, type Sli, type SloWindow } from "@/lib/slo";
import { inAppRunbook, type InAppRunbook } from "@/lib/slo/runbook";
import type { SloVersionStatus } from "@/lib/validation/slo-stored";
import { publicBaseUrl } from "../notify/action-links";

export type { SloFilter, SloPageQuery };

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
  version: {
    id: string;
    number: number;
    sli: Sli;
    objective: number;
    window: SloWindow;
    effectiveFrom: Date;
    status: SloVersionStatus;
  };
  /** A proposed definition awaiting sign-off, if any. */
  pending: { number: number; createdBy: string; createdAt: Date } | null;
  managedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function toDef(row: SloDefRow, includeUnsigned: boolean): SloDef | null {
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
    labels: row.labels,
    displayName: row.displayName,
    sliName: row.sliName,
    alertSettings: normalAlertSettings(row.alertSettings),
    revision: row.revision,
    service: {
      id: row.service.id,
      slug: row.service.slug,
      name: row.service.name,
      teamId: row.service.teamId,
      teamSlug: row.service.team.slug,
      dataSourceId: row.service.dataSourceId,
    },
    version: {
      id: v.id,
      number: v.number,
      sli: v.sli,
      objective: v.objective,
      window: v.window,
      effectiveFrom: v.effectiveFrom,
      status: v.status,
    },
    pending: pending
      ? { number: pending.number, createdBy: pending.createdByLabel, createdAt: pending.createdAt }
      : null,
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
  return (await findSloDefRows(filter)).map((r) => toDef(r, includeUnsigned)).filter((d): d is SloDef => d !== null);
}

export async function loadSloDef(id: string, includeUnsigned = false): Promise<SloDef | null> {
  return (await loadSloDefs({ ids: [id] }, includeUnsigned))[0] ?? null;
}

/**
 * Definitions for reads on the request path, kept for seconds per process and dropped in every process
 * when an SLO, version, service or team changes (database triggers, lib/cache/shared-cache.ts). Callers
 * must not mutate the object. Writes load their own (loadSloDef).
 */
// At most 1,000: what viewers read is a few pages and the SLOs they open, not the fleet; a bound that does
// not grow with N keeps the web server's memory flat (10,000 SLOs read once, e.g. by a CSV export, would
// otherwise stay until evicted; 5,000 still kept RSS above target at 10,000 SLOs: status-rows.ts).
const defs = sharedCache<SloDef | null>("slos", { ttlMs: 10_000, maxEntries: 1_000 });

/** The misses of one tick (a page of a list) are loaded with one query. */
const loadBatch = batched(async (ids: string[]) => new Map((await loadSloDefs({ ids }, true)).map((d) => [d.id, d])));

export const cachedSloDef = (id: string): Promise<SloDef | null> =>
  defs.get(id, async () => (await loadBatch(id)) ?? null);
