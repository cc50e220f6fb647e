import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createPrometheusClient, type PrometheusClient } from "@/lib/prometheus";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { openSecrets, sealLegacySecretsOnce } from "../datasource-secrets";
import { SYSTEM_ACTOR } from "../system-actor";
import { parseDataSourceRow } from "@/lib/db/repos/datasources";

/** Key of the default source (PROMETHEUS_URL) in maps keyed by data source id. */
export const DEFAULT_SOURCE = "default";

const clients = new Map<string, { client: PrometheusClient; fingerprint: string }>();

let guardedFetch: typeof fetch | undefined;

/** No data source for the service and no PROMETHEUS_URL: "no data" because nothing was set up, not an outage. */
export class NoPrometheusConfigured extends AppError {
  constructor() {
    super("UPSTREAM_UNAVAILABLE", "No Prometheus configured: set PROMETHEUS_URL or give the service a data source");
  }
}

/**
 * The Prometheus client for a data source id (null → the default data source, else PROMETHEUS_URL). Clients are
 * reused while the source's settings are unchanged. Data sources are configured in the app, so their
 * requests go through the outbound address policy (checked again at every connect); PROMETHEUS_URL is
 * the operator's own setting, like DATABASE_URL, and is trusted.
 */
export async function prometheusFor(dataSourceId: string | null): Promise<PrometheusClient> {
  if (!dataSourceId) {
    // An admin-chosen default data source (Admin → Data sources) wins over PROMETHEUS_URL.
    const chosen = await (await getDb()).dataSource.findFirst({ where: { isDefault: true }, select: { id: true } });
    if (chosen) return prometheusFor(chosen.id);
    const url = env().prometheusUrl;
    if (!url) throw new NoPrometheusConfigured();
    return cached(DEFAULT_SOURCE, url, () => createPrometheusClient({ url, breaker: breakerSettings() }));
  }
  await sealLegacySecretsOnce(SYSTEM_ACTOR);
  const db = await getDb();
  const row = await db.dataSource.findUnique({ where: { id: dataSourceId } });
  if (!row) throw new AppError("UPSTREAM_UNAVAILABLE", `data source ${dataSourceId} no longer exists`);
  const ds = parseDataSourceRow(row);
  // The fingerprint holds the sealed values: a changed secret makes a new client, nothing plain is kept twice.
  return cached(
    ds.id,
    JSON.stringify([ds.url, ds.authType, ds.bearerToken, ds.basicUser, ds.basicPassword, ds.headers, ds.timeoutMs]),
    () => {
      const { bearerToken, basicPassword } = openSecrets(ds);
      return createPrometheusClient({
        url: ds.url,
        fetch: (guardedFetch ??= createGuardedFetch(env().outboundPolicy)),
        timeoutMs: ds.timeoutMs,
        breaker: breakerSettings(),
        headers: ds.headers,
        ...(ds.authType === "bearer" && bearerToken ? { bearerToken } : {}),
        ...(ds.authType === "basic" && ds.basicUser
          ? { basicAuth: { username: ds.basicUser, password: basicPassword ?? "" } }
          : {}),
      });
    },
  );
}

/**
 * A source that failed 3 times in a row is not asked again for min(5 s, the refresh interval): readers get
 * the stale status at once, and recovery is still seen within one refresh (the next read or job probes).
 */
const breakerSettings = () => ({ failureThreshold: 3, openMs: Math.min(5_000, env().refreshIntervalSeconds * 1000) });

export type SourceHealth = { state: "ok" | "degraded" | "down" | "not_asked"; lastGoodAgeSeconds: number | null };

/**
 * What the breakers of the sources asked so far say, without asking anything (for /api/readyz):
 * down = breaker open, degraded = recent failures, ok = the last call succeeded. Keyed by data source id
 * ("default" for PROMETHEUS_URL); no URLs, so it is safe on an unauthenticated endpoint.
 */
export function sourceHealth(nowMs = Date.now()): Record<string, SourceHealth> {
  const out: Record<string, SourceHealth> = {};
  for (const [key, { client }] of clients) {
    const h = client.health();
    const state =
      h.state === "open"
        ? "down"
        : h.state === "half_open" || h.consecutiveFailures > 0
          ? "degraded"
          : h.lastSuccessMs === null
            ? "not_asked"
            : "ok";
    out[key] = {
      state,
      lastGoodAgeSeconds: h.lastSuccessMs === null ? null : Math.round((nowMs - h.lastSuccessMs) / 1000),
    };
  }
  return out;
}

function cached(key: string, fingerprint: string, make: () => PrometheusClient): PrometheusClient {
  const hit = clients.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.client;
  const client = make();
  clients.set(key, { client, fingerprint });
  return client;
}
