import path from "node:path";
import { parseOutboundPolicy, type OutboundPolicy } from "@/lib/net/outbound-policy";

/**
 * Server configuration, read once. Every variable is documented in README.md's configuration table.
 * The embedded default (no DATABASE_URL) needs no configuration at all.
 */
export type Env = {
  databaseUrl: string | null;
  dataDir: string;
  prometheusUrl: string | null;
  /** Where data sources may point (SRECP_DATASOURCE_ALLOW_PRIVATE); see lib/net/outbound-policy.ts. */
  outboundPolicy: OutboundPolicy;
  /** Key for secrets at rest (lib/crypto); null → generated into DATA_DIR/secret-key. */
  secretKey: string | null;
  /** Earlier SECRET_KEY values, still accepted for reading until `srecp secrets rotate` re-seals. */
  secretKeyPrevious: string[];
  refreshIntervalSeconds: number;
  logLevel: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
};

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const databaseUrl = source.DATABASE_URL?.trim() || null;
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = source;
  return {
    databaseUrl,
    dataDir: path.resolve(source.DATA_DIR || ".data"),
    prometheusUrl: source.PROMETHEUS_URL?.trim() || null,
    outboundPolicy: parseOutboundPolicy(source.SRECP_DATASOURCE_ALLOW_PRIVATE),
    secretKey: source.SECRET_KEY?.trim() || null,
    secretKeyPrevious: (source.SECRET_KEY_PREVIOUS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    refreshIntervalSeconds: Number(source.SLO_REFRESH_SECONDS || 30),
    logLevel: source.LOG_LEVEL || "info",
    oidc:
      OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET
        ? { issuer: OIDC_ISSUER.replace(/\/$/, ""), clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET }
        : null,
  };
}

let cached: Env | undefined;
export const env = (): Env => (cached ??= readEnv());
