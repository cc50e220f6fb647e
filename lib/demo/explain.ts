import {
  DEMO_SERVICE_SLUGS,
  DEMO_TRAFFIC,
  DIURNAL_AMPLITUDE,
  PEAK_UTC_SECONDS,
  budgetRemaining,
  burnRate,
  requestsBetween,
} from "./traffic";

// `srecp demo --explain`: the figures the demo's traffic model gives for traffic ending at `endSec`,
// printed from the same functions that generate it (lib/demo/traffic.ts).

const HOUR = 3_600;
const DAY = 86_400;
const fmt = (n: number) =>
  Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const iso = (sec: number) => new Date(sec * 1000).toISOString().replace(".000Z", "Z");

/** Availability objectives of the demo SLOs (lib/services/demo-extended.ts). */
export const DEMO_OBJECTIVES: Partial<Record<(typeof DEMO_SERVICE_SLUGS)[number], number>> = {
  checkout: 0.999,
  payments: 0.999,
  search: 0.995,
};

export function explainDemo(endSec: number): string[] {
  const swing = `${fmt((1 - DIURNAL_AMPLITUDE) * 100)}–${fmt((1 + DIURNAL_AMPLITUDE) * 100)} %`;
  const lines = [
    `demo traffic loaded at ${iso(endSec)}: 35 days of history, then live; diurnal rates (${swing} of the mean, busiest at ${PEAK_UTC_SECONDS / HOUR}:00 UTC), constant error ratio per phase:`,
  ];
  for (const slug of DEMO_SERVICE_SLUGS) {
    const model = DEMO_TRAFFIC[slug];
    const month = requestsBetween(slug, endSec, endSec - 30 * DAY, endSec);
    lines.push(
      `${slug}: ${model.requestsPerSecond} req/s on average, base error ratio ${model.baseErrorRatio * 100} % — ${model.story}`,
    );
    const objective = DEMO_OBJECTIVES[slug];
    if (objective) {
      const budget = month.total * (1 - objective);
      lines.push(
        `  30 d: ${fmt(month.total)} requests, ${fmt(month.bad)} failed; budget ${fmt(budget)} at ${objective * 100} % → ${fmt(budgetRemaining(slug, objective, endSec) * 100)} % left`,
      );
      lines.push(
        `  burn rate 1 h ${fmt(burnRate(slug, objective, endSec, HOUR))}, 6 h ${fmt(burnRate(slug, objective, endSec, 6 * HOUR))}, 3 d ${fmt(burnRate(slug, objective, endSec, 3 * DAY))}`,
      );
    }
    for (const p of model.phases) {
      const from = endSec - p.fromAgo;
      const to = endSec - p.toAgo;
      const r = requestsBetween(slug, endSec, from, to);
      lines.push(
        `  ${iso(from)} – ${p.toAgo === 0 ? `${iso(to)} and on` : iso(to)}: ${p.why}; ${fmt(r.bad)} failed of ${fmt(r.total)} (${p.errorRatio * 100} %)`,
      );
    }
  }
  return lines;
}
