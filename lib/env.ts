import path from "node:path";
import { z } from "zod";
import { parseOutboundPolicy, type OutboundPolicy } from "@/lib/net/outbound-policy";
import { parseRole, parseRoleMap, type SsoRoleConfig } from "@/lib/auth/sso-roles";

/**
 * Server configuration, read once. Every variable is documented in README.md's configuration table.
 * The embedded default (no DATABASE_URL) needs no configuration at all.
 * The environment is zod-parsed: a value that does not mean what its variable needs (SLO_REFRESH_SECONDS=abc
 * used to become NaN and silently disable the status cache) stops the process with a message naming it.
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
  /** SLOs per batch of the background status refresh and rollups (SRECP_REFRESH_BATCH_SLOS): what a worker holds at once. */
  refreshBatchSlos: number;
  /** What this process runs (SRECP_ROLE): web = HTTP only, worker = background jobs only, both (default). */
  role: "web" | "worker" | "both";
  /** Scheduled backups (lib/services/backup-schedule.ts): where, how often (0 = off), how many to keep; restore drills every N days (0 = off). */
  backup: { dir: string; everyHours: number; keep: number; drillEveryDays: number };
  /** Longest a request handler waits for Prometheus in total (SRECP_UPSTREAM_BUDGET_MS, ms); lib/prometheus/request-scope.ts. */
  upstreamBudgetMs: number;
  /** How long one live-events stream (GET /api/v1/events) stays open before the browser reconnects (s). */
  sseMaxSeconds: number;
  logLevel: string;
  /** Tests only (SRECP_CHECK_RESPONSES=1): every 2xx JSON answer is validated against its OpenAPI response schema (lib/openapi/response-check.ts). */
  checkResponses: boolean;
  /** Outgoing e-mail (SMTP_URL, SMTP_FROM); null = not configured. See smtpSettingsOf. */
  smtp: SmtpSettings | null;
  /** Sign-in through an OpenID Connect provider; `roles` maps a claim (groups) to the role of a new SSO user. */
  oidc: { issuer: string; clientId: string; clientSecret: string; roles: SsoRoleConfig } | null;
};

/** SMTP_URL parsed for display and checks; the password is only ever reported as set or not. */
export type SmtpSettings = {
  url: string;
  from: string;
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  passwordSet: boolean;
};

/** Thrown by readEnv; `message` lists every invalid variable by name (never a secret's value). */
export class EnvError extends Error {
  override name = "EnvError";
}

// Unset and empty mean "use the default", as they always did.
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);
const ROLES = ["web", "worker", "both"] as const;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const wholeNumber = (min: number, max: number, example: string) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `must be a whole number, e.g. ${example}`)
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional(),
  );

const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  ),
  DATA_DIR: optionalText,
  PROMETHEUS_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://prometheus:9090" }).optional(),
  ),
  SLO_REFRESH_SECONDS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of seconds, e.g. 30")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(86_400, "must be at most 86400 (a day)"))
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
  SRECP_BACKUP_EVERY_HOURS: wholeNumber(0, 24 * 365, "24").optional(),
  SRECP_BACKUP_KEEP: wholeNumber(1, 10_000, "7").optional(),
  SRECP_RESTORE_DRILL_EVERY_DAYS: wholeNumber(0, 365, "7").optional(),
  SRECP_SSE_MAX_SECONDS: wholeNumber(0, 3600, "300").optional(),
  SRECP_UPSTREAM_BUDGET_MS: wholeNumber(100, 60_000, "2000").optional(),
  SRECP_REFRESH_BATCH_SLOS: wholeNumber(1, 100_000, "500").optional(),
  SRECP_CHECK_RESPONSES: optionalText.pipe(z.enum(["0", "1"], { error: "must be 1 (on) or 0 (off)" }).optional()),
  SRECP_ROLE: optionalText.pipe(z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).optional()),
  SMTP_URL: optionalText.pipe(
    z
      .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail:587" })
      .optional(),
  ),
  SMTP_FROM: optionalText.pipe(
    z
      .string()
      .max(320)
      .refine(
        (v) => /^[^<>]*<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(v),
        "must be an address, e.g. SRE Control Plane <srecp@example.com>",
      )
      .optional(),
  ),
});

const DEFAULT_SMTP_FROM = "SRE Control Plane <srecp@localhost>";

/** SMTP_URL / SMTP_FROM as the e-mail channel uses them (it reads them when sending); null when unset. */
export function smtpSettingsOf(url: string | undefined, from: string | undefined): SmtpSettings | null {
  if (!url?.trim()) return null;
  const u = new URL(url.trim());
  const port = u.port ? Number(u.port) : u.protocol === "smtps:" ? 465 : 587;
  return {
    url: url.trim(),
    from: from?.trim() || DEFAULT_SMTP_FROM,
    host: u.hostname,
    port,
    secure: u.protocol === "smtps:" || port === 465,
    user: u.username ? decodeURIComponent(u.username) : null,
    passwordSet: u.password !== "",
  };
}

// Variables whose values may be echoed in the error message (never URLs, which may carry credentials).
const SHOW_VALUE = new Set([
  "SLO_REFRESH_SECONDS",
  "LOG_LEVEL",
  "SRECP_ROLE",
  "SRECP_BACKUP_EVERY_HOURS",
  "SRECP_BACKUP_KEEP",
  "SRECP_RESTORE_DRILL_EVERY_DAYS",
  "SRECP_SSE_MAX_SECONDS",
  "SRECP_UPSTREAM_BUDGET_MS",
  "SRECP_REFRESH_BATCH_SLOS",
  "SRECP_CHECK_RESPONSES",
]);

/** The data-source address policy; a malformed CIDR list stops the process like any invalid variable. */
function outboundPolicyOf(raw: string | undefined): OutboundPolicy {
  try {
    return parseOutboundPolicy(raw);
  } catch (err) {
    throw new EnvError(
      `Invalid configuration: ${err instanceof Error ? err.message : String(err)}. Fix the environment variable (README.md, Configuration) and start again.`,
    );
  }
}

/** OIDC_ROLE_CLAIM / OIDC_ROLE_MAP / OIDC_DEFAULT_ROLE (lib/auth/sso-roles.ts); invalid ones stop the process. */
function ssoRolesOf(source: Record<string, string | undefined>): SsoRoleConfig {
  try {
    return {
      claim: source.OIDC_ROLE_CLAIM?.trim() || "groups",
      map: parseRoleMap(source.OIDC_ROLE_MAP),
      defaultRole: parseRole("OIDC_DEFAULT_ROLE", source.OIDC_DEFAULT_ROLE, "viewer"),
    };
  } catch (err) {
    throw new EnvError(
      `Invalid configuration: ${err instanceof Error ? err.message : String(err)}. Fix the environment variable (README.md, Configuration) and start again.`,
    );
  }
}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `${name} ${i.message}${SHOW_VALUE.has(name) ? ` (got ${JSON.stringify(source[name])})` : ""}`;
    });
    throw new EnvError(
      `Invalid configuration: ${lines.join("; ")}. Fix the environment variable${lines.length > 1 ? "s" : ""} (README.md, Configuration) and start again.`,
    );
  }
  const e = parsed.data;
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = source;
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.DATA_DIR ?? ".data"),
    prometheusUrl: e.PROMETHEUS_URL ?? null,
    outboundPolicy: outboundPolicyOf(source.SRECP_DATASOURCE_ALLOW_PRIVATE),
    secretKey: source.SECRET_KEY?.trim() || null,
    secretKeyPrevious: (source.SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    refreshIntervalSeconds: e.SLO_REFRESH_SECONDS ?? 30,
    refreshBatchSlos: e.SRECP_REFRESH_BATCH_SLOS ?? 500,
    // SRECP_DISABLE_JOBS=1 (older setting) still means "web only"
    role: e.SRECP_ROLE ?? (source.SRECP_DISABLE_JOBS === "1" ? "web" : "both"),
    backup: {
      dir: path.resolve(source.SRECP_BACKUP_DIR?.trim() || path.join(e.DATA_DIR ?? ".data", "backups")),
      everyHours: e.SRECP_BACKUP_EVERY_HOURS ?? 24,
      keep: e.SRECP_BACKUP_KEEP ?? 7,
      drillEveryDays: e.SRECP_RESTORE_DRILL_EVERY_DAYS ?? 7,
    },
    upstreamBudgetMs: e.SRECP_UPSTREAM_BUDGET_MS ?? 2000,
    sseMaxSeconds: e.SRECP_SSE_MAX_SECONDS ?? 300,
    logLevel: e.LOG_LEVEL ?? "info",
    checkResponses: e.SRECP_CHECK_RESPONSES === "1",
    smtp: smtpSettingsOf(e.SMTP_URL, e.SMTP_FROM),
    oidc:
      OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET
        ? {
            issuer: OIDC_ISSUER.replace(/\/$/, ""),
            clientId: OIDC_CLIENT_ID,
            clientSecret: OIDC_CLIENT_SECRET,
            roles: ssoRolesOf(source),
          }
        : null,
  };
}

let cached: Env | undefined;
export const env = (): Env => (cached ??= readEnv());
