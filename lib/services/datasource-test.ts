import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { isPrometheusError, type QueryResult } from "@/lib/prometheus";
import type { TestDataSourceInput } from "@/lib/validation/datasources";
import type { DataSourceTestView } from "@/lib/validation/views/access";
import { prometheusFor } from "./slo/prometheus-source";

export type DataSourceTest = DataSourceTestView;

/** NaN and ±Inf have no JSON form (they would become null anyway): say so in the value. */
const finite = (v: number) => (Number.isFinite(v) ? v : null);

const SAMPLE = 5;

const sampleOf = (r: QueryResult) => {
  switch (r.resultType) {
    case "vector":
      return r.result.map((s) => ({ metric: s.metric, value: finite(s.value) }));
    case "matrix":
      return r.result.map((s) => ({ metric: s.metric, value: finite(s.values.at(-1)?.[1] ?? Number.NaN) }));
    case "scalar":
      return [{ metric: {}, value: finite(r.result.value) }];
    case "string":
      return [{ metric: {}, value: r.result.value }];
  }
};

/**
 * "Test connection" for a saved data source: one instant query through the same client (address
 * policy, sealed credentials, timeout) the app uses, with its latency. A failing source is a normal
 * answer (`ok: false` and the client's message, which never quotes the upstream body), not an error.
 */
export async function testDataSource(actor: Actor, id: string, input: TestDataSourceInput): Promise<DataSourceTest> {
  assertAdmin(actor, "data sources");
  const exists = await (await getDb()).dataSource.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound(`data source ${id}`);
  const client = await prometheusFor(id);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await client.instantQuery(input.query);
    const latencyMs = elapsed();
    const sample = sampleOf(result);
    // The version is a nicety: a proxy in front of Prometheus may well not expose buildinfo.
    const version = await client.buildInfo().then(
      (b) => b.version,
      () => null,
    );
    return {
      ok: true,
      latencyMs,
      query: input.query,
      resultType: result.resultType,
      series: sample.length,
      sample: sample.slice(0, SAMPLE),
      version,
    };
  } catch (err) {
    if (!isPrometheusError(err)) throw err;
    return { ok: false, latencyMs: elapsed(), query: input.query, message: err.message };
  }
}
