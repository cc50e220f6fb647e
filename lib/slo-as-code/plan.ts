import {
  MANAGED_BY,
  POLICY_FIELDS,
  policyKey,
  sameValue,
  SERVICE_FIELDS,
  serviceKey,
  SLO_DEFINITION_FIELDS,
  SLO_FIELDS,
  sloKey,
  type DesiredState,
  type Origin,
  type PolicySpec,
  type ServerState,
  type ServiceSpec,
  type SloSpec,
} from "./model";
import { alertsSkippedReason } from "@/lib/slo";
import type { Issue } from "./source";

/**
 * The plan: what `srecp apply` would create, change and delete so the server matches the files.
 * - Resources in the files are created, or updated field by field; an existing resource not yet managed
 *   as code is adopted (its managedBy is set).
 * - Deletes only touch resources managed by the same owner (managedBy, default "srecp") that the files
 *   no longer declare; resources managed in the UI are never deleted.
 * - A resource managed by another owner is an error, as are references to unknown teams, services and
 *   data sources. Error-budget policies are set but never deleted (the API has no delete for them).
 */
export type FieldChange = { field: string; before: unknown; after: unknown };

export type Change =
  | { action: "create"; kind: "service"; key: string; spec: ServiceSpec }
  | {
      action: "update";
      kind: "service";
      key: string;
      spec: ServiceSpec;
      fields: FieldChange[];
      adopt: boolean;
      version: number;
    }
  | { action: "delete"; kind: "service"; key: string; slug: string; cascade: string[] }
  | { action: "create"; kind: "slo"; key: string; spec: SloSpec }
  | {
      action: "update";
      kind: "slo";
      key: string;
      spec: SloSpec;
      id: string;
      revision: number;
      fields: FieldChange[];
      adopt: boolean;
      newVersion: boolean;
    }
  | { action: "delete"; kind: "slo"; key: string; id: string }
  | {
      action: "create" | "update";
      kind: "policy";
      key: string;
      spec: PolicySpec;
      fields: FieldChange[];
      version: number | null;
    };

/**
 * warnings: what the files' import drops or changes (from loadFiles) and what the plan itself sees, e.g. an
 * SLO that will get no alerts because it has no runbook. They never stop an apply, but are always shown.
 */
export type Plan = { changes: Change[]; issues: Issue[]; warnings: Issue[]; notes: string[]; managedBy: string };

const diff = <T extends object>(fields: readonly (keyof T & string)[], before: T, after: T): FieldChange[] =>
  fields.filter((f) => !sameValue(before[f], after[f])).map((f) => ({ field: f, before: before[f], after: after[f] }));

export function makePlan(desired: DesiredState, server: ServerState, opts: { managedBy?: string } = {}): Plan {
  const owner = opts.managedBy ?? MANAGED_BY;
  const issues: Issue[] = [];
  const warnings: Issue[] = [...(desired.warnings ?? [])];
  const notes: string[] = [];
  const origin = (key: string): Origin => desired.origins.get(key) ?? { file: "(files)", line: 1 };
  const error = (key: string, field: string, message: string) =>
    issues.push({ severity: "error", ...origin(key), field, message });
  const foreign = (managedBy: string | null) => managedBy !== null && managedBy !== owner;

  const serverServices = new Map(server.services.map((s) => [s.slug, s]));
  const declaredServices = new Set(desired.services.map((s) => s.slug));
  const teams = new Set(server.teams);
  const dataSources = new Set(server.dataSources);
  const out = {
    serviceCreates: [] as Change[],
    serviceUpdates: [] as Change[],
    sloCreates: [] as Change[],
    sloUpdates: [] as Change[],
    teamPolicies: [] as Change[],
    servicePolicies: [] as Change[],
    sloDeletes: [] as Change[],
    serviceDeletes: [] as Change[],
  };

  for (const d of desired.services) {
    const key = serviceKey(d);
    if (!teams.has(d.team))
      error(key, "team", `team "${d.team}" does not exist on the server (teams are created by admins, not from files)`);
    if (d.dataSource !== null && !dataSources.has(d.dataSource))
      error(key, "dataSource", `data source "${d.dataSource}" does not exist on the server`);
    const cur = serverServices.get(d.slug);
    if (!cur) {
      out.serviceCreates.push({ action: "create", kind: "service", key, spec: d });
      continue;
    }
    if (foreign(cur.managedBy)) error(key, "", `service "${d.slug}" is managed by "${cur.managedBy}", not "${owner}"`);
    const fields = diff(SERVICE_FIELDS, cur, d);
    const adopt = cur.managedBy === null;
    if (fields.length || adopt)
      out.serviceUpdates.push({ action: "update", kind: "service", key, spec: d, fields, adopt, version: cur.version });
  }
  const deletedServices = new Set(
    server.services.filter((s) => s.managedBy === owner && !declaredServices.has(s.slug)).map((s) => s.slug),
  );

  /** A service an SLO or policy may refer to: declared in the files, or on the server and staying. */
  const checkServiceRef = (key: string, field: string, slug: string) => {
    if (declaredServices.has(slug)) return;
    if (!serverServices.has(slug))
      error(key, field, `service "${slug}" is neither declared in the files nor on the server`);
    else if (deletedServices.has(slug))
      error(
        key,
        field,
        `service "${slug}" is managed as code but not declared in the files, so it would be deleted: declare it`,
      );
  };

  const serverSlos = new Map(server.slos.map((s) => [sloKey(s), s]));
  for (const d of desired.slos) {
    const key = sloKey(d);
    checkServiceRef(key, "service", d.service);
    const cur = serverSlos.get(key);
    // an in-app runbook (written on the SLO's runbook pages) is a runbook too: no warning then
    if (d.alerting && !cur?.inAppRunbook && alertsSkippedReason(d)?.code === "NO_RUNBOOK") {
      warnings.push({
        severity: "warning",
        ...origin(key),
        field: "runbookUrl",
        message: `${key} has no runbook URL, so it gets no alert rules (every srecp alert needs a runbook); add one to get its burn-rate alerts`,
      });
    }
    if (!cur) {
      out.sloCreates.push({ action: "create", kind: "slo", key, spec: d });
      continue;
    }
    if (foreign(cur.managedBy))
      error(key, "", `SLO "${d.service}/${d.name}" is managed by "${cur.managedBy}", not "${owner}"`);
    const fields = diff(SLO_FIELDS, cur, d);
    const adopt = cur.managedBy === null;
    const newVersion = fields.some((f) => (SLO_DEFINITION_FIELDS as readonly string[]).includes(f.field));
    if (fields.length || adopt)
      out.sloUpdates.push({
        action: "update",
        kind: "slo",
        key,
        spec: d,
        id: cur.id,
        revision: cur.revision,
        fields,
        adopt,
        newVersion,
      });
    else if (cur.pendingSignOff) notes.push(`${key}: its current definition awaits an approver's sign-off`);
  }
  const declaredSlos = new Set(desired.slos.map(sloKey));
  for (const cur of server.slos) {
    if (cur.managedBy !== owner || declaredSlos.has(sloKey(cur)) || deletedServices.has(cur.service)) continue;
    out.sloDeletes.push({ action: "delete", kind: "slo", key: sloKey(cur), id: cur.id });
  }
  for (const slug of [...deletedServices].sort()) {
    const cascade = server.slos
      .filter((s) => s.service === slug)
      .map(sloKey)
      .sort();
    out.serviceDeletes.push({ action: "delete", kind: "service", key: serviceKey({ slug }), slug, cascade });
  }

  const serverPolicies = new Map(server.policies.map((p) => [policyKey(p), p]));
  for (const d of desired.policies) {
    const key = policyKey(d);
    if (d.scope === "team" && !teams.has(d.target))
      error(key, "team", `team "${d.target}" does not exist on the server`);
    if (d.scope === "service") checkServiceRef(key, "service", d.target);
    const cur = serverPolicies.get(key);
    const fields = cur
      ? diff(POLICY_FIELDS, cur, d)
      : POLICY_FIELDS.map((f) => ({ field: f, before: undefined, after: d[f] }));
    if (cur && !fields.length) continue;
    (d.scope === "team" ? out.teamPolicies : out.servicePolicies).push({
      action: cur ? "update" : "create",
      kind: "policy",
      key,
      spec: d,
      fields,
      version: cur?.version ?? null,
    });
  }
  const declaredPolicies = new Set(desired.policies.map(policyKey));
  for (const p of server.policies) {
    if (p.scope === "service" && declaredServices.has(p.target) && !declaredPolicies.has(policyKey(p))) {
      notes.push(
        `service "${p.target}" has its own error-budget policy on the server that the files do not declare; srecp leaves policies in place`,
      );
    }
  }

  const changes = [
    ...out.serviceCreates,
    ...out.serviceUpdates,
    ...out.teamPolicies,
    ...out.sloCreates,
    ...out.sloUpdates,
    ...out.servicePolicies,
    ...out.sloDeletes,
    ...out.serviceDeletes,
  ];
  return { changes, issues, warnings, notes, managedBy: owner };
}

export const planCounts = (p: Plan) => ({
  create: p.changes.filter((c) => c.action === "create").length,
  update: p.changes.filter((c) => c.action === "update").length,
  delete: p.changes.filter((c) => c.action === "delete").length,
});
