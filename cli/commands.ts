import fs from "node:fs";
import path from "node:path";
import { CliError, required } from "./args";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createUserSchema } from "@/lib/validation/users";
import { ensureEmbeddedDbMigrated, migrate } from "./db";
import { CONFIG_COMMANDS, CONFIG_USAGE } from "./commands-config";
import { GATE_COMMANDS, GATE_USAGE } from "./commands-gate";
import { USERS_COMMANDS, USERS_USAGE } from "./commands-users";
import { DATASOURCES_COMMANDS, DATASOURCES_USAGE } from "./commands-datasources";
import { BACKUP_COMMANDS, BACKUP_USAGE } from "./commands-backup";

export type CommandArgs = { words: string[]; flags: Record<string, string | true>; root: string };
type Command = (args: CommandArgs) => Promise<number | void>;

export const USAGE = `srecp — SRE control plane command line

  srecp users create --email E --name N --role viewer|editor|approver|admin [--password P] [--teams a,b]${USERS_USAGE}
  srecp tokens create --email E --name N [--scopes read,write,gate,deployments,tokens]   prints the token once
  srecp db migrate                     apply pending migrations (DATABASE_URL or embedded PGlite)
  srecp demo                           load a small realistic demo: teams, users, services
  srecp demo --explain [--end ISO]     print the demo traffic model's expected figures
  srecp demo exporter [--port 9465] [--host 127.0.0.1] [--prometheus-data DIR]
                                       serve the demo traffic live from the model for Prometheus to scrape
  srecp secrets rotate                 re-seal data-source secrets under SECRET_KEY (plaintext or SECRET_KEY_PREVIOUS rows)${DATASOURCES_USAGE}${BACKUP_USAGE}

Database: DATABASE_URL=postgres://… or, unset, the embedded database under DATA_DIR (default ./.data).
The embedded database is single-process: while the web app runs, commands that open it are refused.
${GATE_USAGE}
${CONFIG_USAGE}`;

/** The quick start's Prometheus (scripts/lib/local-prometheus.mjs) keeps its TSDB under DATA_DIR; --prometheus-data names another. */
const demoTsdbDir = (flags: CommandArgs["flags"], root: string) =>
  typeof flags["prometheus-data"] === "string"
    ? path.resolve(flags["prometheus-data"])
    : path.join(path.resolve(root, process.env.DATA_DIR || ".data"), "prometheus", "data");

const list = (v: string | true | undefined) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

export const COMMANDS: Record<string, Command> = {
  "db migrate": async ({ root }) => {
    console.log(await migrate(root));
  },
  "users create": async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { createUser } = await import("@/lib/services/users");
    const input = createUserSchema.parse({
      email: flags.email,
      name: flags.name,
      role: flags.role ?? "viewer",
      password: typeof flags.password === "string" ? flags.password : undefined,
      teams: list(flags.teams),
    });
    const user = await createUser(SYSTEM_ACTOR, input);
    console.log(`created ${user.role} ${user.email} (${user.id})`);
  },
  "tokens create": async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { getDb } = await import("@/lib/db");
    const { createApiToken } = await import("@/lib/services/tokens");
    const email = required(flags, "email").toLowerCase();
    const user = await (await getDb()).user.findUnique({ where: { email } });
    if (!user) throw new Error(`no user with email ${email}`);
    const token = await createApiToken(SYSTEM_ACTOR, {
      name: required(flags, "name"),
      scopes: list(flags.scopes),
      ownerId: user.id,
    });
    // The token alone on stdout so scripts can capture it: TOKEN=$(npx srecp tokens create …)
    console.log(token.token);
    console.error(`token "${token.name}" for ${email} created; it is shown only once`);
  },
  demo: async ({ flags, root }) => {
    if (flags.explain) {
      // The expected figures only (no database): traffic ending at --end (ISO instant) or this minute.
      const { explainDemo } = await import("@/lib/demo/explain");
      const endMs = typeof flags.end === "string" ? Date.parse(flags.end) : Date.now();
      if (Number.isNaN(endMs)) throw new CliError(`--end: not an ISO instant: ${String(flags.end)}`);
      console.log(explainDemo(Math.floor(endMs / 60_000) * 60).join("\n"));
      return;
    }
    await ensureEmbeddedDbMigrated(root);
    const { loadDemo } = await import("@/lib/services/demo");
    const { writeDemoBlocks, writtenDemoEnd } = await import("@/lib/services/demo-traffic");
    const tsdbDir = demoTsdbDir(flags, root);
    // Incidents are placed relative to the traffic's end: the first load's end, to the minute.
    const endSec = writtenDemoEnd(tsdbDir) ?? Math.floor(Date.now() / 60_000) * 60;
    console.log(await loadDemo(SYSTEM_ACTOR, endSec * 1000));
    if (!fs.existsSync(tsdbDir) && typeof flags["prometheus-data"] !== "string") {
      console.log(
        "no local Prometheus data directory (start the app once with Prometheus installed): demo traffic not written",
      );
      return;
    }
    const blocks = await writeDemoBlocks(tsdbDir, endSec);
    console.log(
      blocks.written
        ? `demo traffic: 35 days ending ${new Date(endSec * 1000).toISOString()} written to ${tsdbDir} in ${blocks.seconds.toFixed(1)} s; start the app again (Prometheus loads it at start, and the demo exporter continues it live) — \`srecp demo --explain --end ${new Date(endSec * 1000).toISOString()}\` prints the expected figures`
        : `demo traffic already in ${tsdbDir} (ending ${new Date(endSec * 1000).toISOString()})`,
    );
  },
  "demo exporter": async ({ flags, root }) => {
    // No database: the model and the demo's end (the TSDB marker) are all it needs. Runs until SIGINT/SIGTERM.
    const { startDemoExporter, DEMO_EXPORTER_PORT } = await import("@/lib/services/demo-exporter");
    const port = typeof flags.port === "string" ? Number(flags.port) : DEMO_EXPORTER_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new CliError(`--port: not a port number: ${String(flags.port)}`);
    const tsdbDir = demoTsdbDir(flags, root);
    const exporter = await startDemoExporter({
      tsdbDir,
      port,
      host: typeof flags.host === "string" ? flags.host : "127.0.0.1",
    });
    console.log(`demo exporter on ${exporter.url}/metrics (demo traffic of ${tsdbDir})`);
    await new Promise<void>((resolve) => {
      for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => resolve());
    });
    await exporter.close();
  },
  "secrets rotate": async ({ root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { resealDataSourceSecrets } = await import("@/lib/services/datasource-secrets");
    const { resealed, unreadable, total } = await resealDataSourceSecrets(SYSTEM_ACTOR);
    console.log(`re-sealed the secrets of ${resealed} of ${total} data sources under the current SECRET_KEY`);
    if (unreadable.length === 0) return 0;
    // Exit 1: the operator must add the missing key to SECRET_KEY_PREVIOUS or re-enter these secrets.
    console.error(`error: sealed with a key that is not configured: ${unreadable.join(", ")}`);
    return 1;
  },
  ...GATE_COMMANDS,
  ...USERS_COMMANDS,
  ...DATASOURCES_COMMANDS,
  ...BACKUP_COMMANDS,
  ...CONFIG_COMMANDS,
};
