import { compareDeploy, formatVerifyTable, type VerifySlo } from "@/lib/slo-as-code";
import { createDeploymentSchema, DEPLOYMENT_STATUSES } from "@/lib/validation/deployments";
import { CliError, required } from "./args";
import { apiFromFlags, ApiError, describeError, enc, type Flags } from "./http";

/**
 * CI/CD commands over HTTP: `gate` (may this service release?), `deploy record` (mark a deploy) and
 * `verify` (did the deploy break an SLO?). Exit codes are for pipelines: gate 0 allowed / 1 not
 * allowed; verify 0 ok / 1 breach; both 2 when they cannot answer (usage, connection, API error).
 */
type GateSlo = VerifySlo & {
  objective: number;
  remaining: number | null;
  firing: string[];
  noData: boolean;
  stale: boolean;
};
type Gate = {
  service: string;
  allowed: boolean;
  state: string;
  reasons: string[];
  evaluatedAt: string;
  slos: GateSlo[];
  exception?: { grantedBy: string; endsAt: string; reason: string };
};
type Deployment = {
  id: string;
  service: string;
  version: string;
  environment: string;
  at: string;
  status: string;
  link: string | null;
};

const str = (flags: Flags, name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);

/** Runs `body`; usage and connection problems (and API errors) exit 2, printed to stderr. */
async function answering(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    console.error(`error: ${describeError(err)}`);
    return 2;
  }
}

function instant(flags: Flags, name: string): string | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  if (!Number.isFinite(Date.parse(v)))
    throw new CliError(`--${name} must be an ISO 8601 instant, e.g. 2026-03-01T12:00:00Z`);
  return new Date(v).toISOString();
}

const pct = (v: number | null) => (v === null ? "no data" : `${Math.round(v * 1000) / 10} %`);
const rate = (v: number | null | undefined) =>
  v === null || v === undefined ? "-" : String(Math.round(v * 100) / 100);

function printGate(g: Gate) {
  console.log(
    `release gate for ${g.service}: ${g.allowed ? "ALLOWED" : "NOT ALLOWED"} (state ${g.state}, as of ${g.evaluatedAt})`,
  );
  for (const r of g.reasons) console.log(`  - ${r}`);
  if (g.slos.length) {
    const rows = g.slos.map((s) => [
      s.name,
      pct(s.remaining),
      rate(s.burnRates["1h"]),
      rate(s.burnRates["6h"]),
      s.firing.join(",") || "-",
    ]);
    const head = ["SLO", "budget left", "1h burn", "6h burn", "firing"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, ...rows])
      console.log(
        `  ${r
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}`,
      );
  }
}

async function gate({ flags }: { flags: Flags }) {
  return answering(async () => {
    const service = required(flags, "service");
    const at = instant(flags, "at");
    const api = apiFromFlags(flags);
    const g = await api.request<Gate>(
      "GET",
      `/api/v1/services/${enc(service)}/release-gate${at ? `?at=${enc(at)}` : ""}`,
    );
    if (flags.json) console.log(JSON.stringify(g, null, 2));
    else printGate(g);
    return g.allowed ? 0 : 1;
  });
}

async function deployRecord({ flags }: { flags: Flags }) {
  const parsed = createDeploymentSchema.safeParse({
    service: str(flags, "service"),
    version: str(flags, "version"),
    environment: str(flags, "environment"),
    at: str(flags, "at"),
    link: str(flags, "link"),
    status: str(flags, "status"),
  });
  if (!parsed.success) {
    const status = str(flags, "status");
    console.error(
      `error: ${parsed.error.issues.map((i) => `--${i.path.join(".")} ${/received undefined$/.test(i.message) ? "is required" : i.message}`).join("; ")}`,
    );
    if (status !== undefined && !(DEPLOYMENT_STATUSES as readonly string[]).includes(status))
      console.error(`  --status is one of ${DEPLOYMENT_STATUSES.join(", ")} (default succeeded)`);
    return 2;
  }
  try {
    const api = apiFromFlags(flags);
    const body = { ...parsed.data, ...(parsed.data.at ? { at: parsed.data.at.toISOString() } : {}) };
    const d = await api.request<Deployment>("POST", "/api/v1/deployments", body);
    // The id alone on stdout so a pipeline can keep it: DEPLOY=$(srecp deploy record …)
    console.log(d.id);
    console.error(`recorded ${d.service} ${d.version} → ${d.environment} at ${d.at} (${d.status})`);
    return 0;
  } catch (err) {
    console.error(`error: ${describeError(err)}`);
    return err instanceof ApiError ? 1 : 2;
  }
}

async function verify({ flags }: { flags: Flags }) {
  return answering(async () => {
    const service = required(flags, "service");
    const since = required(flags, "since");
    const at = instant(flags, "at");
    const api = apiFromFlags(flags);
    let from: string;
    if (/^\d{4}-\d{2}-\d{2}/.test(since) && Number.isFinite(Date.parse(since))) from = new Date(since).toISOString();
    else {
      const d = await api.request<Deployment>("GET", `/api/v1/deployments/${enc(since)}`);
      if (d.service !== service)
        throw new CliError(`deployment ${since} is of service "${d.service}", not "${service}"`);
      from = d.at;
      console.log(`deploy ${d.version} of ${d.service} to ${d.environment} at ${d.at}`);
    }
    const gatePath = `/api/v1/services/${enc(service)}/release-gate`;
    const before = await api.request<Gate>("GET", `${gatePath}?at=${enc(from)}`);
    const after = await api.request<Gate>("GET", at ? `${gatePath}?at=${enc(at)}` : gatePath);
    const result = compareDeploy(before.slos, after.slos);
    console.log(`SLO burn of ${service}: before the deploy (${before.evaluatedAt}) and now (${after.evaluatedAt})`);
    console.log(formatVerifyTable(result.rows));
    if (!result.rows.length) console.log("(the service has no SLOs: nothing to verify)");
    console.log(result.breach ? "verify: SLO BREACH — roll back" : "verify: ok");
    return result.breach ? 1 : 0;
  });
}

export const GATE_USAGE = `
CI/CD (over HTTP: --url, default $SRECP_URL or http://localhost:3000; --token, default $SRECP_TOKEN):
  srecp gate --service S [--at ISO] [--json]        exit 0 allowed, 1 not allowed (reasons printed), 2 cannot tell
  srecp deploy record --service S --version V [--environment production] [--link URL]
                      [--status started|succeeded|failed|rolled_back] [--at ISO]   prints the deployment id
  srecp verify --service S --since <ISO instant | deployment id> [--at ISO]
                                                    exit 1 when an SLO breached after the deploy, else 0 (2 cannot tell)`;

export const GATE_COMMANDS = { gate, "deploy record": deployRecord, verify };
