import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase } from "../harness/postgres";
import { startPrometheusStack } from "../harness/prometheus-stack";
import { startMailbox } from "../harness/smtp-mailbox";
import { SSO_CLIENT, startOidcProvider } from "../harness/oidc";
import { E2E_ADMIN, E2E_SERVER_LOG, E2E_STATE_FILE } from "./fixtures";

/**
 * Playwright starts webServer before globalSetup, but the server needs its database first, so this
 * setup does it all: fresh PostgreSQL database → migrations, a real Prometheus over the known backfilled
 * scenario (tests/harness/scenario.ts) → admin user + API token through the real CLI → `next start`.
 * Returns the teardown.
 */
export default async function globalSetup() {
  const root = process.cwd();
  const port = process.env.E2E_PORT || "3100";
  const [db, prom, oidc, mail] = await Promise.all([
    createTestDatabase("srecp_e2e"),
    startPrometheusStack({}),
    startOidcProvider(`http://127.0.0.1:${port}`),
    startMailbox(),
  ]);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    PROMETHEUS_URL: prom.prometheusUrl,
    NEXTAUTH_SECRET: "e2e-secret",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
    SLO_REFRESH_SECONDS: "5",
    // The harness' Prometheus listens on 127.0.0.1: data sources may point there only when allowed.
    SRECP_DATASOURCE_ALLOW_PRIVATE: "127.0.0.1/32",
    // Single sign-on through the real OpenID provider above; its groups claim decides a new user's role.
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: SSO_CLIENT.id,
    OIDC_CLIENT_SECRET: SSO_CLIENT.secret,
    OIDC_ROLE_MAP: "sre-leads=approver,sre=editor",
    // Notifications go to a real SMTP server whose inbox the specs read (tests/harness/smtp-mailbox.ts).
    SMTP_URL: mail.smtpUrl,
    SMTP_FROM: "srecp@e2e.local",
    // A 2xx answer that breaks its OpenAPI response schema becomes a 500 RESPONSE_SCHEMA (tests only).
    SRECP_CHECK_RESPONSES: "1",
  };
  const cli = (...args: string[]) => {
    const res = spawnSync(process.execPath, [path.join(root, "scripts/srecp.mjs"), ...args], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    if (res.status !== 0) throw new Error(`srecp ${args.join(" ")} failed: ${res.stderr}`);
    return res.stdout.trim();
  };
  cli(
    "users",
    "create",
    "--email",
    E2E_ADMIN.email,
    "--name",
    "E2E Admin",
    "--role",
    "admin",
    "--password",
    E2E_ADMIN.password,
  );
  const token = cli("tokens", "create", "--email", E2E_ADMIN.email, "--name", "e2e");
  fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
  fs.writeFileSync(
    E2E_STATE_FILE,
    JSON.stringify({
      token,
      databaseUrl: db.url,
      prometheusUrl: prom.prometheusUrl,
      scenarioEnd: prom.end,
      mailboxUrl: mail.mailboxUrl,
    }),
  );

  // The server's whole log goes to a file (tests/e2e/zz-log-secrets.spec.ts reads it after every other
  // spec: no password, token or session cookie may appear in it); warnings and errors also to the console.
  const log = fs.createWriteStream(E2E_SERVER_LOG, { flags: "w" });
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  for (const stream of [server.stdout!, server.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString().split("\n"))
        if (line && !/"level":(20|30)\b/.test(line)) process.stdout.write(`${line}\n`);
    });
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("next start did not answer /api/healthz within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return async () => {
    server.kill("SIGTERM");
    await Promise.all([db.drop(), prom.stop(), oidc.stop(), mail.stop()]);
  };
}
