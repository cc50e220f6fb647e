import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { dataSourceSchema } from "@/lib/validation/slo";
import { testDataSourceSchema } from "@/lib/validation/datasources";
import { CliError, required } from "./args";
import { ensureEmbeddedDbMigrated } from "./db";

type Flags = Record<string, string | true>;
type Command = (args: { flags: Flags; root: string }) => Promise<number | void>;

/**
 * Prometheus data sources from the shell (admin commands: on the database directly, like `users`), the
 * same use cases as Admin → Data sources: validation, the outbound address policy, sealed secrets, audit.
 * Secrets are read from the environment (SRECP_DS_BEARER_TOKEN, SRECP_DS_BASIC_PASSWORD) so that they
 * never appear in the shell history or the process list.
 */
export const DATASOURCES_USAGE = `
  srecp datasources list                          name, URL, auth, default, timeout
  srecp datasources create --name N --url U [--auth none|bearer|basic] [--basic-user U] [--timeout-ms 10000]
                                                  bearer token / basic password from SRECP_DS_BEARER_TOKEN / SRECP_DS_BASIC_PASSWORD
  srecp datasources test --name N [--query 'up']  one instant query: latency and series, or the error (exit 1)`;

const text = (v: string | true | undefined) => (typeof v === "string" ? v : undefined);

async function byName(name: string) {
  const { listDataSources } = await import("@/lib/services/datasources");
  const ds = (await listDataSources(SYSTEM_ACTOR)).items.find((d) => d.name === name);
  if (!ds) throw new CliError(`no data source named "${name}" (see: srecp datasources list)`);
  return ds;
}

export const DATASOURCES_COMMANDS: Record<string, Command> = {
  "datasources list": async ({ root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { listDataSources } = await import("@/lib/services/datasources");
    const { items } = await listDataSources(SYSTEM_ACTOR);
    if (!items.length) return void console.log("no data sources (PROMETHEUS_URL, if set, is the default)");
    for (const d of items)
      console.log(
        [d.name, d.url, d.authType, d.isDefault ? "default" : "", `${d.timeoutMs} ms`].filter(Boolean).join("\t"),
      );
  },
  "datasources create": async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { createDataSource } = await import("@/lib/services/datasources");
    const input = dataSourceSchema.parse({
      name: flags.name,
      url: flags.url,
      authType: text(flags.auth) ?? "none",
      bearerToken: process.env.SRECP_DS_BEARER_TOKEN || undefined,
      basicUser: text(flags["basic-user"]),
      basicPassword: process.env.SRECP_DS_BASIC_PASSWORD || undefined,
      ...(typeof flags["timeout-ms"] === "string" ? { timeoutMs: Number(flags["timeout-ms"]) } : {}),
    });
    const created = await createDataSource(SYSTEM_ACTOR, input);
    console.log(`created data source ${created.name} (${created.id})`);
  },
  "datasources test": async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { testDataSource } = await import("@/lib/services/datasource-test");
    const ds = await byName(required(flags, "name"));
    const r = await testDataSource(SYSTEM_ACTOR, ds.id, testDataSourceSchema.parse({ query: text(flags.query) }));
    if (!r.ok) {
      console.error(`error: ${ds.name}: ${r.message} (${r.latencyMs} ms)`);
      return 1;
    }
    console.log(
      `${ds.name}: ok in ${r.latencyMs} ms, ${r.series} series for ${r.query}${r.version ? `, Prometheus ${r.version}` : ""}`,
    );
  },
};
