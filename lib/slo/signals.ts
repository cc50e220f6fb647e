import { sliErrorRatioQuery, sliSelectors } from "./promql";
import type { Sli } from "./types";

/**
 * The four golden signals of a service (latency p99, traffic, error ratio, saturation) as PromQL.
 * A service may configure each query; the ones it leaves empty are derived from its SLIs:
 * - latency p99: histogram_quantile(0.99, …) over the first latency SLI's histogram;
 * - traffic: requests per second of the first ratio SLI's total selector (else the latency SLI's _count);
 * - error ratio: bad / total of the first ratio SLI over 5 minutes;
 * - saturation: never derived (no SLI says how full a service is): "not configured" unless set.
 */
export const SIGNAL_KEYS = ["latencyP99", "traffic", "errorRatio", "saturation"] as const;
export type SignalKey = (typeof SIGNAL_KEYS)[number];
export type SignalQueries = Partial<Record<SignalKey, string | null>>;
export type ResolvedSignal = { key: SignalKey; query: string | null; source: "configured" | "derived" | "none" };

export const SIGNAL_META: Record<
  SignalKey,
  { label: string; unit: "seconds" | "perSecond" | "ratio" | "ratioOrValue" }
> = {
  latencyP99: { label: "Latency p99", unit: "seconds" },
  traffic: { label: "Traffic", unit: "perSecond" },
  errorRatio: { label: "Error ratio", unit: "ratio" },
  saturation: { label: "Saturation", unit: "ratioOrValue" },
};

const RATE_RANGE = "5m";

function derived(key: SignalKey, all: readonly Sli[]): string | null {
  // A timeslice SLI's signals are those of the SLI it judges per slice.
  const slis = all.map((s) => (s.kind === "timeslice" ? s.of : s));
  const ratio = slis.find((s) => s.kind === "ratio");
  const latency = slis.find((s) => s.kind === "latency");
  try {
    if (key === "latencyP99" && latency?.kind === "latency") {
      const m = latency.matchers.trim().replace(/,\s*$/, "");
      return `histogram_quantile(0.99, sum by (le) (rate(${latency.metric}_bucket${m ? `{${m}}` : ""}[${RATE_RANGE}])))`;
    }
    if (key === "traffic") {
      const base = ratio ?? latency;
      if (!base) return null;
      return `sum(rate(${sliSelectors(base).total}[${RATE_RANGE}]))`;
    }
    if (key === "errorRatio" && ratio) return sliErrorRatioQuery(ratio, RATE_RANGE);
  } catch {
    return null; // an SLI that does not validate gives no default
  }
  return null;
}

/** Each signal's query: the configured one when set (non-blank), else the derived default, else none. */
export function resolveSignals(configured: SignalQueries, slis: readonly Sli[]): ResolvedSignal[] {
  return SIGNAL_KEYS.map((key) => {
    const own = configured[key]?.trim();
    if (own) return { key, query: own, source: "configured" as const };
    const query = derived(key, slis);
    return { key, query, source: query ? ("derived" as const) : ("none" as const) };
  });
}
