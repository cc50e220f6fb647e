import { BURN_ALERT_NAMES, type BurnAlertName } from "./alerts";

// In-app runbooks (issue 16 item 5): which alert tiers an SLO's Markdown runbooks cover, which runbook a
// tier's page shows, and the runbook_url each generated alert carries. Pure: URLs are built from a base.

/** The newest version of one (slo, tier) runbook; tier null = the runbook of all tiers. */
export type RunbookHead = { tier: string | null; body: string };

/** What the rule generator needs: the app's `/runbooks/{slo}` URL and the tiers an in-app runbook covers. */
export type InAppRunbook = { baseUrl: string; tiers: "all" | readonly string[] };

export const isRunbookTier = (tier: string): tier is BurnAlertName =>
  (BURN_ALERT_NAMES as readonly string[]).includes(tier);

const written = (h: RunbookHead) => h.body.trim() !== "";

/**
 * Tiers covered by an in-app runbook: "all" when the all-tiers runbook has text, else the tiers with a
 * runbook of their own (an empty newest version means the runbook was removed). Empty = none.
 */
export function runbookCoverage(heads: readonly RunbookHead[]): "all" | BurnAlertName[] {
  if (heads.some((h) => h.tier === null && written(h))) return "all";
  return BURN_ALERT_NAMES.filter((t) => heads.some((h) => h.tier === t && written(h)));
}

/** The app runbook of an SLO for the rule generator, or null when no tier has one. */
export function inAppRunbook(appBaseUrl: string, sloId: string, heads: readonly RunbookHead[]): InAppRunbook | null {
  const tiers = runbookCoverage(heads);
  if (tiers !== "all" && tiers.length === 0) return null;
  return { baseUrl: `${appBaseUrl.replace(/\/$/, "")}/runbooks/${encodeURIComponent(sloId)}`, tiers };
}

/**
 * The runbook a tier's page shows: the tier's own when it has text, else the all-tiers one, else null.
 * `inherited` says the text came from the all-tiers runbook.
 */
export function effectiveRunbook<T extends RunbookHead>(
  heads: readonly T[],
  tier: string,
): { head: T; inherited: boolean } | null {
  const own = heads.find((h) => h.tier === tier && written(h));
  if (own) return { head: own, inherited: false };
  const all = heads.find((h) => h.tier === null && written(h));
  return all ? { head: all, inherited: true } : null;
}

/**
 * runbook_url of one alert tier: the app page when an in-app runbook covers the tier; else the external
 * URL; else the app page anyway when another tier has an in-app runbook (it still shows the live context
 * and the checklist). Null only when the SLO has neither: "no runbook, no alert".
 */
export function runbookUrlForTier(
  slo: { runbookUrl?: string | null; inAppRunbook?: InAppRunbook | null },
  tier: string,
): string | null {
  const app = slo.inAppRunbook;
  const external = slo.runbookUrl?.trim() || null;
  const appUrl = app ? `${app.baseUrl}/${encodeURIComponent(tier)}` : null;
  if (app && (app.tiers === "all" || app.tiers.includes(tier))) return appUrl;
  return external ?? appUrl;
}

/** Prometheus's expression browser for a query: `<base>/graph?g0.expr=…` (table tab, last hour). */
export function prometheusGraphUrl(prometheusBaseUrl: string, expr: string): string {
  return `${prometheusBaseUrl.replace(/\/$/, "")}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1&g0.range_input=1h`;
}
