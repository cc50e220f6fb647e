import fs from "node:fs/promises";
import path from "node:path";
import {
  applyRequests,
  exportFiles,
  exportStream,
  formatIssue,
  formatPlan,
  hasErrors,
  loadFiles,
  makePlan,
  MANAGED_BY,
  planCounts,
  type ExportFormat,
  type ServerState,
  type SourceFile,
} from "@/lib/slo-as-code";
import { configStateSchema } from "@/lib/validation/slo-as-code";
import { CliError } from "./args";
import { apiFromFlags, describeError, enc, type Api, type Flags } from "./http";

/**
 * SLOs as code over HTTP: `plan` (exit 0 no changes, 2 changes, 1 error, like terraform plan
 * -detailed-exitcode), `apply` (exactly the plan, through the REST API) and `export`.
 */
const str = (flags: Flags, name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);

/** Every *.yaml / *.yml file under `target` (a file or a directory, recursively), paths relative to cwd. */
export async function readConfigFiles(target: string): Promise<SourceFile[]> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new CliError(`-f ${target}: no such file or directory`);
  const paths: string[] = [];
  const walk = async (p: string) => {
    const s = await fs.stat(p);
    if (s.isDirectory()) {
      for (const e of (await fs.readdir(p)).sort()) if (!e.startsWith(".")) await walk(path.join(p, e));
    } else if (/\.ya?ml$/i.test(p) || p === target) paths.push(p);
  };
  await walk(target);
  if (!paths.length) throw new CliError(`-f ${target}: no .yaml files found`);
  return Promise.all(
    paths.map(async (p) => ({ path: path.relative(process.cwd(), p) || p, text: await fs.readFile(p, "utf8") })),
  );
}

async function serverState(api: Api, managedBy?: string): Promise<ServerState> {
  const raw = await api.request("GET", `/api/v1/config/state${managedBy ? `?managedBy=${enc(managedBy)}` : ""}`);
  const parsed = configStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new CliError(
      `the server's /api/v1/config/state answer is not what this CLI understands (${parsed.error.issues[0]?.message}); is the CLI older than the server?`,
    );
  return parsed.data;
}

async function computePlan(flags: Flags) {
  const target = str(flags, "f") ?? str(flags, "file");
  if (!target) throw new CliError("missing -f <dir or file>");
  const managedBy = str(flags, "managed-by") ?? MANAGED_BY;
  const files = await readConfigFiles(target);
  const { desired, issues, warnings } = loadFiles(files, {
    defaultTeam: str(flags, "team"),
    defaultService: str(flags, "service"),
  });
  if (hasErrors(issues)) return { plan: null, issues: [...issues, ...warnings] };
  const api = apiFromFlags(flags);
  const plan = makePlan(desired, await serverState(api), { managedBy });
  plan.issues.unshift(...issues);
  return { plan, issues: plan.issues, api };
}

async function plan({ flags }: { flags: Flags }) {
  try {
    const r = await computePlan(flags);
    if (!r.plan) {
      for (const i of r.issues) console.error(formatIssue(i));
      console.error("\nThe files have errors; nothing was compared with the server.");
      return 1;
    }
    const text = formatPlan(r.plan);
    if (hasErrors(r.plan.issues)) {
      console.error(text);
      return 1;
    }
    console.log(text);
    return r.plan.changes.length ? 2 : 0;
  } catch (err) {
    console.error(`error: ${describeError(err)}`);
    return 1;
  }
}

async function apply({ flags }: { flags: Flags }) {
  try {
    const r = await computePlan(flags);
    if (!r.plan || hasErrors(r.plan.issues)) {
      for (const i of r.issues) console.error(formatIssue(i));
      console.error("\nApply refused: fix the errors first; nothing was changed.");
      return 1;
    }
    console.log(formatPlan(r.plan));
    const requests = applyRequests(r.plan);
    if (!requests.length) return 0;
    console.log("");
    let done = 0;
    for (const req of requests) {
      try {
        await r.api!.request(req.method, req.path, req.body);
      } catch (err) {
        console.error(`✗ ${req.describe}\n  ${req.method} ${req.path}: ${describeError(err)}`);
        console.error(
          `\nApply stopped: ${done} of ${requests.length} changes applied. Run \`srecp plan\` to see what is left.`,
        );
        return 1;
      }
      done += 1;
      console.log(`✓ ${req.describe}`);
    }
    const n = planCounts(r.plan);
    console.log(`\nApply complete: ${n.create} created, ${n.update} changed, ${n.delete} deleted.`);
    return 0;
  } catch (err) {
    console.error(`error: ${describeError(err)}`);
    return 1;
  }
}

async function exportCommand({ flags }: { flags: Flags }) {
  try {
    const format = (str(flags, "format") ?? "srecp") as ExportFormat;
    if (format !== "srecp" && format !== "openslo") throw new CliError("--format must be srecp or openslo");
    const state = await serverState(apiFromFlags(flags), str(flags, "managed-by"));
    const files = exportFiles(state, format);
    if (format === "openslo" && state.slos.length)
      console.error(
        "warning: corrections (ranges excluded from budgets) are not exported: OpenSLO v1 has no field for them",
      );
    const out = str(flags, "o") ?? str(flags, "out");
    if (!out) {
      process.stdout.write(exportStream(files));
      return 0;
    }
    for (const [rel, text] of files) {
      const p = path.join(out, rel);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, text);
    }
    const stale = await staleFiles(out, files);
    for (const s of stale)
      console.error(`warning: ${s} is not part of this export (left in place; delete it if the resource is gone)`);
    console.error(
      `exported ${state.services.length} services, ${state.slos.length} SLOs and ${state.policies.length} policies to ${files.size} files in ${out}`,
    );
    return 0;
  } catch (err) {
    console.error(`error: ${describeError(err)}`);
    return 1;
  }
}

/** YAML files under services/ and teams/ of `out` that this export did not write. */
async function staleFiles(out: string, files: Map<string, string>): Promise<string[]> {
  const found: string[] = [];
  for (const dir of ["services", "teams"]) {
    const entries = await fs.readdir(path.join(out, dir)).catch(() => [] as string[]);
    for (const e of entries.sort())
      if (/\.ya?ml$/.test(e) && !files.has(`${dir}/${e}`)) found.push(path.join(out, dir, e));
  }
  return found;
}

export const CONFIG_USAGE = `
SLOs as code (over HTTP, same --url/--token):
  srecp plan -f <dir|file> [--managed-by srecp] [--team T] [--service S]   diff against the server: exit 0 no changes, 2 changes, 1 error
  srecp apply -f <dir|file> [--managed-by srecp] [--team T] [--service S]  apply exactly that plan through the REST API
  srecp export [-o <dir>] [--format srecp|openslo] [--managed-by X]   write the current state (stdout without -o)
  Files: native srecp/v1 (Service, SLO, BudgetPolicy), OpenSLO v1, Sloth prometheus/v1 and its PrometheusServiceLevel CRD,
  Pyrra pyrra.dev/v1alpha1 ServiceLevelObjective; see docs/slo-as-code.md. Warnings say what an import drops or changes.
  --team is the owning team of OpenSLO services without a srecp.dev/team annotation;
  --service is the service of Pyrra SLOs without a pyrra.dev/service label.`;

export const CONFIG_COMMANDS = { plan, apply, export: exportCommand };
