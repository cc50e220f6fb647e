import "server-only";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { validatePromQL, type PrometheusClient } from "@/lib/prometheus";
import { formatLe, rangeSum, sliSelectors, type Sli } from "@/lib/slo";
import { prometheusFor } from "./prometheus-source";
import { selectorFields, sliPromqlProblems } from "./sli-promql";

/** A 422 "Invalid <what>" naming each field of `fields` with its problem, when there is any. */
function throwIfProblems(fields: Record<string, string>, what: "SLI" | "PromQL") {
  if (Object.keys(fields).length === 0) return;
  const list = Object.entries(fields).map(([f, m]) => `${f}: ${m}`);
  throw new AppError("VALIDATION", `Invalid ${what}: ${list.join("; ")}`, fields);
}

/**
 * Checks an SLI before it is saved, naming the field of each problem:
 * - structure (lib/slo) → e.g. sli.good "set exactly one of good or bad";
 * - each selector's PromQL, by our parser (lib/promql, always) and then by Prometheus when one is reachable;
 * - a latency threshold must be one of the histogram's `le` buckets (when Prometheus knows the metric).
 */
export async function validateSli(sli: Sli, dataSourceId: string | null): Promise<void> {
  if (sli.kind === "timeslice") {
    // The slice fields by lib/slo, then the judged SLI as any SLI, its fields named under sli.of.
    throwIfProblems(sliPromqlProblems(sli), "SLI");
    try {
      return await validateSli(sli.of, dataSourceId);
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      const fields = Object.fromEntries(
        Object.entries(err.fields).map(([f, m]) => [f.replace(/^sli\./, "sli.of."), m]),
      );
      throw new AppError("VALIDATION", err.message.replace(/\bsli\./g, "sli.of."), fields);
    }
  }
  // Our own parser first, always: callers that skip the zod schema (SLOs as code, the CLI) get the same answer.
  throwIfProblems(sliPromqlProblems(sli), "SLI");
  const selectors = sliSelectors(sli);
  const checks = selectorFields(sli, selectors);
  const client = await clientOrNull(dataSourceId);
  const fields: Record<string, string> = {};
  // Then Prometheus' own word when one is reachable (it may know newer syntax limits than our grammar).
  for (const [field, selector] of client ? checks : []) {
    if (selector === null) continue;
    const result = await validatePromQL(client!, rangeSum({ ...selectors, total: selector }, "total", "5m"));
    if (!result.ok) fields[field] = result.message;
  }
  throwIfProblems(fields, "PromQL");
  if (sli.kind === "latency" && client) await checkBucket(client, sli);
}

async function checkBucket(client: PrometheusClient, sli: Extract<Sli, { kind: "latency" }>) {
  const matchers = sli.matchers.trim();
  let les: string[];
  try {
    les = await client.labelValues("le", `${sli.metric}_bucket${matchers ? `{${matchers}}` : ""}`);
  } catch {
    return; // Prometheus unreachable now: the structural checks above already passed
  }
  if (!les.length) return; // metric not (yet) exported: nothing to compare against
  const wanted = Number(formatLe(sli.thresholdSeconds));
  if (!les.some((le) => Number(le) === wanted)) {
    const buckets = les
      .filter((le) => le !== "+Inf")
      .sort((a, b) => Number(a) - Number(b))
      .join(", ");
    throw new AppError("VALIDATION", `thresholdSeconds ${sli.thresholdSeconds} is not a bucket of ${sli.metric}`, {
      "sli.thresholdSeconds": `must be one of the histogram's buckets: ${buckets}`,
    });
  }
}

async function clientOrNull(dataSourceId: string | null): Promise<PrometheusClient | null> {
  if (!dataSourceId && !env().prometheusUrl) return null;
  try {
    return await prometheusFor(dataSourceId);
  } catch {
    return null;
  }
}
