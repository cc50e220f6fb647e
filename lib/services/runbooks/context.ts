import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import {
  burnRateAlerts,
  errorRatioMetric,
  nominalWindowSeconds,
  promqlString,
  sliErrorRatioQuery,
  sliIncreaseQueries,
} from "@/lib/slo";
import { effectiveRunbook, isRunbookTier, prometheusGraphUrl, runbookCoverage } from "@/lib/slo/runbook";
import { firstFiveMinutes } from "@/lib/slo/runbook-checklist";
import { oncallForService } from "../oncall/service-oncall";
import { listSchedules } from "../oncall/schedules";
import { storedOrComputed } from "../slo/status-read";
import { cachedSloDef } from "../slo/store";
import { runbookHeads, runbookPages, versionView } from "./read";

// The runbook page /runbooks/{slo}/{tier} (issue 16 item 5): the tier's Markdown runbook plus the live
// context a responder needs first. Figures come from the SLO status read model for this one SLO (never a
// computation of all SLOs); "other SLOs burning" is one count over the stored rows.

const DEPLOY_LOOKBACK_MS = 7 * 86_400_000;

/** Where the responder's browser opens the SLI queries: the service's data source, the default one, or PROMETHEUS_URL. */
async function prometheusBase(dataSourceId: string | null): Promise<string | null> {
  const db = await getDb();
  const ds = dataSourceId
    ? await db.dataSource.findUnique({ where: { id: dataSourceId }, select: { url: true } })
    : await db.dataSource.findFirst({ where: { isDefault: true }, select: { url: true } });
  return ds?.url ?? env().prometheusUrl ?? null;
}

export async function runbookContext(actor: Actor, sloId: string, tier: string, nowMs = Date.now()) {
  assertCanRead(actor);
  if (!isRunbookTier(tier)) throw notFound(`alert tier "${tier}"`);
  const def = await cachedSloDef(sloId);
  if (!def) throw notFound(`SLO ${sloId}`);
  const db = await getDb();
  const serviceId = def.service.id;
  const [heads, service, status, deploys, incidents, pages, oncall, schedules, otherBurning, promBase] =
    await Promise.all([
      runbookHeads(sloId),
      db.service.findUniqueOrThrow({
        where: { id: serviceId },
        select: { dashboardUrl: true, repoUrl: true, team: { select: { id: true, slug: true, name: true } } },
      }),
      def.version.status === "active"
        ? storedOrComputed([def], nowMs).then((m) => m.get(sloId) ?? null)
        : Promise.resolve(null),
      db.deployment.findMany({
        where: { serviceId, at: { gte: new Date(nowMs - DEPLOY_LOOKBACK_MS), lte: new Date(nowMs) } },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: 10,
        select: { id: true, version: true, environment: true, status: true, at: true, link: true },
      }),
      db.incident.findMany({
        where: { status: { not: "resolved" }, services: { some: { serviceId } } },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: { number: true, title: true, severity: true, status: true, createdAt: true },
      }),
      db.page.findMany({
        where: { serviceId, status: { in: ["triggered", "acknowledged"] } },
        orderBy: { openedAt: "desc" },
        take: 20,
        select: { id: true, title: true, severity: true, status: true, openedAt: true },
      }),
      oncallForService(actor, def.service.slug, nowMs),
      listSchedules(actor, { team: def.service.teamSlug }, nowMs),
      db.sloStatusRow.count({ where: { sloId: { not: sloId }, burnRate: { gte: 1 } } }),
      prometheusBase(def.service.dataSourceId),
    ]);

  const alerts = burnRateAlerts(nominalWindowSeconds(def.version.window));
  const alert = alerts.find((a) => a.name === tier)!;
  const match = `{slo_id=${promqlString(def.id)}}`;
  const inc = sliIncreaseQueries(def.version.sli, "5m");
  const queries = [
    { label: "Good events (5 m)", expr: inc.good },
    { label: "All events (5 m)", expr: inc.total },
    { label: "Error ratio (5 m)", expr: sliErrorRatioQuery(def.version.sli, "5m") },
    {
      label: `Error ratio over ${alert.longWindow} (recording rule)`,
      expr: `${errorRatioMetric(alert.longWindow)}${match}`,
    },
    {
      label: `Error ratio over ${alert.shortWindow} (recording rule)`,
      expr: `${errorRatioMetric(alert.shortWindow)}${match}`,
    },
  ].map((x) => ({ ...x, href: promBase ? prometheusGraphUrl(promBase, x.expr) : null }));

  const shown = effectiveRunbook(heads, tier);
  const coverage = runbookCoverage(heads);
  const ownHead = heads.find((h) => h.tier === tier);
  const allHead = heads.find((h) => h.tier === null);
  return {
    slo: {
      id: def.id,
      name: def.name,
      service: def.service.slug,
      serviceName: def.service.name,
      team: service.team,
      objective: def.version.objective,
      window: def.version.window,
      versionStatus: def.version.status,
    },
    tier: { ...alert, threshold: alert.factor * (1 - def.version.objective) },
    tiers: alerts.map((a) => ({
      name: a.name,
      severity: a.severity,
      covered: coverage === "all" || coverage.includes(a.name),
    })),
    runbook: shown ? { ...versionView(shown.head), inherited: shown.inherited } : null,
    // what the editor builds on: the tier's own runbook and the all-tiers one, with their versions (0 = none)
    versions: {
      tier: ownHead?.version ?? 0,
      all: allHead?.version ?? 0,
      tierBody: ownHead?.body ?? "",
      allBody: allHead?.body ?? "",
    },
    externalUrl: def.runbookUrl?.trim() || null,
    pages: runbookPages(def.id),
    status,
    deploys: deploys.map((d) => ({ ...d, at: d.at.toISOString() })),
    incidents: incidents.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    openPages: pages.map((p) => ({ ...p, openedAt: p.openedAt.toISOString() })),
    oncall: {
      policy: oncall.policy ? { id: oncall.policy.id, name: oncall.policy.name } : null,
      firstStep: oncall.step?.users.map((u) => u.name) ?? [],
      schedules: schedules.items.map((s) => ({
        id: s.id,
        name: s.name,
        users: s.onCallNow.users.map((u) => u.name),
        until: s.onCallNow.until,
      })),
    },
    queries,
    prometheusConfigured: promBase !== null,
    checklist: firstFiveMinutes({
      service: def.service.slug,
      sloId: def.id,
      dashboardUrl: service.dashboardUrl,
      repoUrl: service.repoUrl,
      deploys: deploys.map((d) => ({ version: d.version, environment: d.environment, atIso: d.at.toISOString() })),
      otherBurning,
    }),
  };
}

export type RunbookContext = Awaited<ReturnType<typeof runbookContext>>;
