import "server-only";
import { getDb } from "@/lib/db";
import { findServiceRef } from "@/lib/db/repos/catalog";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { isPrometheusError, upstreamError } from "@/lib/prometheus";
import type { MetadataView } from "@/lib/validation/views/slo-history";
import { prometheusFor } from "./prometheus-source";

/**
 * Metric names, label names and label values from a service's Prometheus, for PromQL completion in
 * the SLO wizard. Lists are capped so an editor never receives megabytes of names.
 */
const CAP = 2000;

async function clientForService(slug: string | undefined) {
  if (!slug) return prometheusFor(null);
  const db = await getDb();
  const service = await findServiceRef(db, slug);
  if (!service) throw new AppError("NOT_FOUND", `service "${slug}" not found`);
  return prometheusFor(service.dataSourceId);
}

async function upstream<T>(fn: () => Promise<T>, field: "metric" | "label" | null): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // bad_data: Prometheus refused the selector or label the user typed — their input, not an outage
    if (isPrometheusError(err) && err.reason === "bad_query" && field)
      throw new AppError("VALIDATION", `Prometheus refused the ${field}: ${err.publicMessage}`, {
        [field]: err.publicMessage,
      });
    throw upstreamError(err, "the metric and label lists");
  }
}

export async function prometheusMetadata(
  actor: Actor,
  q: { service?: string; kind: "metrics" | "labels" | "values"; metric?: string; label?: string },
): Promise<MetadataView> {
  assertCanRead(actor);
  const client = await clientForService(q.service);
  return upstream(
    async () => {
      if (q.kind === "metrics") return { items: (await client.metricNames()).slice(0, CAP) };
      if (q.kind === "labels") {
        const match = q.metric ? [q.metric] : ['{__name__=~".+"}'];
        const series = await client.series(match, Date.now() / 1000 - 3600 * 6, Date.now() / 1000);
        const names = new Set<string>();
        for (const s of series.slice(0, 10_000)) for (const k of Object.keys(s)) if (k !== "__name__") names.add(k);
        return { items: [...names].sort().slice(0, CAP) };
      }
      if (!q.label) throw new AppError("VALIDATION", "label is required", { label: "is required for kind=values" });
      return { items: (await client.labelValues(q.label, q.metric)).slice(0, CAP) };
    },
    q.metric ? "metric" : q.kind === "values" ? "label" : null,
  );
}
