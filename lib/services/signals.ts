import "server-only";
import { getDb } from "@/lib/db";
import { findServiceSignals, updateServiceSignals } from "@/lib/db/repos/catalog";
import { AppError, notFound } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import { isPrometheusError, validatePromQL } from "@/lib/prometheus";
import { formatPromqlError } from "@/lib/promql/parse";
import { checkPromqlExpression } from "@/lib/promql/types";
import { pickStep } from "@/lib/slo";
import { resolveSignals, SIGNAL_KEYS, SIGNAL_META } from "@/lib/slo/signals";
import type { SignalsInput, StoredSignals } from "@/lib/validation/signals";
import type { ServiceSignalsSetView, ServiceSignalsView } from "@/lib/validation/views/slo-history";
import { recordAudit } from "./audit";
import { prometheusFor } from "./slo/prometheus-source";
import { loadSloDefs } from "./slo/store";

const DEFAULT_RANGE_MS = 6 * 3_600_000;
const MAX_RANGE_MS = 31 * 86_400_000;
/** A query returning many series (a custom "by (instance)") is cut to this many lines per chart. */
const MAX_SERIES = 5;

/** The golden signals' answer: the API view (lib/validation/views/slo-history.ts). */
export type ServiceSignals = ServiceSignalsView;
type ServiceSignal = ServiceSignals["signals"][number];

/** Every signal with its configured query, null where it is derived. */
const configuredOf = (stored: StoredSignals): ServiceSignals["configured"] => ({
  latencyP99: stored.latencyP99 ?? null,
  traffic: stored.traffic ?? null,
  errorRatio: stored.errorRatio ?? null,
  saturation: stored.saturation ?? null,
});

/**
 * The service's golden signals over [from, to]: ONE range query per configured or derived signal, at a
 * step from lib/slo pickStep (≤ 1000 points). A failing query (bad PromQL, Prometheus down) is reported
 * on that signal only.
 */
export async function getServiceSignals(
  actor: Actor,
  slug: string,
  q: { fromMs?: number; toMs?: number; nowMs: number },
): Promise<ServiceSignals> {
  assertCanRead(actor);
  const service = await findServiceSignals(await getDb(), { slug });
  if (!service) throw notFound(`service "${slug}"`);
  const toMs = q.toMs ?? q.nowMs;
  const fromMs = q.fromMs ?? toMs - DEFAULT_RANGE_MS;
  if (!(toMs > fromMs)) throw new AppError("VALIDATION", "to must be after from", { to: "must be after from" });
  if (toMs - fromMs > MAX_RANGE_MS)
    throw new AppError("VALIDATION", "range too long", { from: "the range may be at most 31 days" });
  const step = pickStep((toMs - fromMs) / 1000);
  const configured = configuredOf(service.signals);
  const slis = (await loadSloDefs({ serviceSlug: slug })).map((d) => d.version.sli);
  const resolved = resolveSignals(configured, slis);
  let client: Awaited<ReturnType<typeof prometheusFor>> | null = null;
  let clientError: string | null = null;
  try {
    client = await prometheusFor(service.dataSourceId);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    clientError = err.message;
  }
  const startSec = Math.ceil(fromMs / 1000 / step) * step;
  const signals = await Promise.all(
    resolved.map(async (r): Promise<ServiceSignal> => {
      const base = {
        key: r.key,
        label: SIGNAL_META[r.key].label,
        unit: SIGNAL_META[r.key].unit,
        query: r.query,
        source: r.source,
        series: [],
        error: null,
        truncated: false,
      };
      if (!r.query) return base;
      if (!client) return { ...base, error: clientError };
      try {
        const matrix = await client.rangeQuery(r.query, startSec, toMs / 1000, step);
        return {
          ...base,
          truncated: matrix.length > MAX_SERIES,
          series: matrix.slice(0, MAX_SERIES).map((s) => ({
            labels: s.metric,
            points: s.values.map(([t, v]) => ({
              t: new Date(t * 1000).toISOString(),
              v: Number.isFinite(v) ? v : null,
            })),
          })),
        };
      } catch (err) {
        if (!isPrometheusError(err)) throw err;
        return { ...base, error: err.publicMessage };
      }
    }),
  );
  return {
    service: slug,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    stepSeconds: step,
    version: service.version,
    configured,
    signals,
  };
}

/**
 * Sets the PromQL of the service's golden signals (editor of the owning team). Each query is checked
 * by Prometheus's parser first (422 naming the signal). `version` guards against concurrent edits.
 */
export async function setServiceSignals(
  actor: Actor,
  slug: string,
  input: SignalsInput,
): Promise<ServiceSignalsSetView> {
  const db = await getDb();
  const service = await findServiceSignals(db, { slug });
  if (!service) throw notFound(`service "${slug}"`);
  assertCanEditTeam(actor, service.teamId, `service "${slug}"`);
  const { version, ...queries } = input;
  const fields: Record<string, string> = {};
  // Our parser first, always: it also knows a graph needs an instant vector or a scalar (a range vector
  // parses for Prometheus' format_query but fails every query_range). Then Prometheus, when reachable.
  const client = await prometheusFor(service.dataSourceId).catch(() => null);
  for (const key of SIGNAL_KEYS) {
    const expr = queries[key];
    if (!expr) continue;
    const local = checkPromqlExpression(expr, ["vector", "scalar"]);
    const result = !local.ok
      ? { ok: false as const, message: formatPromqlError(local.error) }
      : client
        ? await validatePromQL(client, expr)
        : { ok: true as const };
    if (!result.ok) fields[key] = result.message;
  }
  if (Object.keys(fields).length)
    throw new AppError("VALIDATION", `Invalid PromQL: ${Object.keys(fields).join(", ")}`, fields);
  const signals: StoredSignals = Object.fromEntries(SIGNAL_KEYS.filter((k) => queries[k]).map((k) => [k, queries[k]!]));
  return db.$transaction(async (tx) => {
    if (!(await updateServiceSignals(tx, service.id, version ?? service.version, signals)))
      throw new AppError(
        "CONFLICT",
        `Service "${slug}" was changed by someone else; reload and apply your edit again`,
        { version: "stale" },
      );
    const after = (await findServiceSignals(tx, { id: service.id }))!;
    await recordAudit(tx, actor, {
      action: "service.signals.set",
      entityType: "service",
      entityId: service.id,
      before: { signals: service.signals, version: service.version },
      after: { id: after.id, slug: after.slug, signals: after.signals, version: after.version },
    });
    return { service: slug, signals: configuredOf(after.signals), version: after.version };
  });
}
