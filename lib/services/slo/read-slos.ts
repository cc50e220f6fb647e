import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { findSloWithVersions, type SloVersionRow } from "@/lib/db/repos/slos";
import { AppError, notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { alertsSkippedReason, DEFAULT_POLICY } from "@/lib/slo";
import { policyThresholdsBySlug } from "../policy-overview";
import type { Page } from "@/lib/validation/common";
import type { SloListItemView, SloVersionView, SloView } from "@/lib/validation/views/slos";
import { loadSloPage } from "./slo-page";
import { cachedSloDef, type SloDef, type SloPageQuery } from "./store";
import { statusesAt } from "./status-cache";
import { storedOrComputed, type ServedStatus } from "./status-read";

export type { SloListItemView, SloVersionView, SloView };

export const toView = (d: SloDef): SloView => ({
  id: d.id,
  name: d.name,
  description: d.description,
  service: d.service.slug,
  serviceName: d.service.name,
  team: d.service.teamSlug,
  runbookUrl: d.runbookUrl,
  /** Tiers with an in-app runbook ("all" or a list); null when none (the pages /runbooks/{id}/{tier} exist either way). */
  inAppRunbookTiers: d.inAppRunbook?.tiers ?? null,
  alerting: d.alerting,
  alertsSkipped: alertsSkippedReason(d),
  labels: d.labels,
  displayName: d.displayName,
  sliName: d.sliName,
  alertSettings: d.alertSettings,
  revision: d.revision,
  version: { number: d.version.number, status: d.version.status, effectiveFrom: d.version.effectiveFrom.toISOString() },
  pendingVersion: d.pending
    ? { number: d.pending.number, createdBy: d.pending.createdBy, createdAt: d.pending.createdAt.toISOString() }
    : null,
  managedBy: d.managedBy,
  objective: d.version.objective,
  window: d.version.window,
  sli: d.version.sli,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/** The SLO with its version in force; NOT_FOUND when it does not exist, INVALID_STATE when nothing is signed yet. */
export async function requireSloDef(id: string): Promise<SloDef> {
  const def = await cachedSloDef(id);
  if (!def) throw notFound(`SLO ${id}`);
  if (def.version.status !== "active")
    throw new AppError(
      "INVALID_STATE",
      `SLO "${def.name}" has no signed-off version yet; an approver must sign off version ${def.version.number}`,
    );
  return def;
}

/**
 * One page of SLOs (paginated in SQL, the true total), optionally with their status from the read model.
 * Only when a status on the page was never computed does the whole organisation get computed (once).
 */
export async function listSlos(
  actor: Actor,
  q: Omit<SloPageQuery, "serviceSlug" | "teamSlug"> & {
    service?: string;
    team?: string;
    include?: "status";
    page: number;
    pageSize: number;
    atMs?: number;
  },
): Promise<Page<SloListItemView>> {
  assertCanRead(actor);
  const { service, team, include, page, pageSize, atMs, ...rest } = q;
  const {
    defs: pageDefs,
    total,
    states,
  } = await loadSloPage({ ...rest, serviceSlug: service, teamSlug: team }, page, pageSize);
  let statuses: Map<string, ServedStatus> | null = null;
  // cached per process (policy-overview.ts): no SQL on a warm page
  const thresholds = include === "status" ? await policyThresholdsBySlug(actor) : {};
  const signed = (defs: SloDef[]) => defs.filter((d) => d.version.status === "active");
  if (include === "status")
    statuses = atMs === undefined ? await storedOrComputed(signed(pageDefs)) : await statusesAt(signed(pageDefs), atMs);
  // the service's budget-policy state as stored with the statuses (what the overview sorts and filters by)
  const withState = (d: SloDef) =>
    include === "status" && d.version.status === "active"
      ? {
          policyState: states.get(d.id) ?? null,
          policyThresholds: thresholds[d.service.slug] ?? { ...DEFAULT_POLICY, scope: "default" as const },
        }
      : {};
  const items = pageDefs.map((d) => ({
    ...toView(d),
    ...withState(d),
    ...(statuses?.get(d.id) ? { status: statuses.get(d.id)! } : {}),
  }));
  return { items, page, pageSize, total };
}

export async function getSlo(actor: Actor, id: string): Promise<SloView> {
  assertCanRead(actor);
  const def = await cachedSloDef(id);
  if (!def) throw notFound(`SLO ${id}`);
  return toView(def);
}

/** Status now (the read model) or at `atMs` (computed for this SLO only). */
export async function getSloStatus(actor: Actor, id: string, atMs?: number): Promise<ServedStatus> {
  assertCanRead(actor);
  const def = await requireSloDef(id);
  if (atMs !== undefined) return (await statusesAt([def], atMs)).get(id)!;
  // The read model: one indexed row, whatever the number of SLOs (the background refresh keeps it fresh);
  // never computed for this version yet (a new SLO, or a new version): this SLO alone, or "computing".
  return (await storedOrComputed([def])).get(id)!;
}

/** A version as the API shows it; `reviewers`: user id → e-mail (a deleted reviewer shows as the id). */
export const toVersionView = (v: SloVersionRow, reviewers: Map<string, string>): SloVersionView => ({
  number: v.number,
  status: v.status,
  sli: v.sli,
  objective: v.objective,
  window: v.window,
  effectiveFrom: v.effectiveFrom.toISOString(),
  createdBy: v.createdByLabel,
  createdAt: v.createdAt.toISOString(),
  reviewedBy: v.reviewedById ? (reviewers.get(v.reviewedById) ?? v.reviewedById) : null,
  reviewedAt: v.reviewedAt?.toISOString() ?? null,
  reviewComment: v.reviewComment,
});

/** Every version of an SLO, newest first, with the reviewers' e-mails. */
export async function versionViews(db: Prisma.TransactionClient, versions: SloVersionRow[]): Promise<SloVersionView[]> {
  const ids = versions.map((v) => v.reviewedById).filter((x): x is string => Boolean(x));
  const reviewers = new Map(
    ids.length
      ? (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [
          u.id,
          u.email,
        ])
      : [],
  );
  return versions.map((v) => toVersionView(v, reviewers));
}

export async function listSloVersions(actor: Actor, id: string): Promise<{ items: SloVersionView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const slo = await findSloWithVersions(db, id);
  if (!slo) throw notFound(`SLO ${id}`);
  return { items: await versionViews(db, slo.versions) };
}
