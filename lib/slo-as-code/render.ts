import { canonicalJson, type PolicySpec, type ServiceSpec, type SloSpec } from "./model";
import { planCounts, type Change, type Plan } from "./plan";
import { formatIssue } from "./source";

/** Human-readable plan, terraform style: `+` create, `~` change, `-` delete; one line per changed field. */
const show = (v: unknown): string =>
  v === null || v === undefined || v === ""
    ? "(none)"
    : typeof v === "string"
      ? JSON.stringify(v)
      : typeof v === "object"
        ? canonicalJson(v)
        : String(v);

function headline(c: Change): string {
  if (c.kind === "service" && c.action === "create") return `+ ${c.key}  (team ${c.spec.team}, tier ${c.spec.tier})`;
  if (c.kind === "service" && c.action === "update") return `~ ${c.key}${c.adopt ? "  (adopt: set managedBy)" : ""}`;
  if (c.kind === "service" && c.action === "delete")
    return `- ${c.key}${c.cascade.length ? `  (and its SLOs: ${c.cascade.map((k) => k.replace(/^slo /, "")).join(", ")})` : ""}`;
  if (c.kind === "slo" && c.action === "create")
    return `+ ${c.key}  (objective ${c.spec.objective}, ${c.spec.sli.kind} SLI)`;
  if (c.kind === "slo" && c.action === "update")
    return `~ ${c.key}${c.adopt ? "  (adopt: set managedBy)" : ""}${c.newVersion ? "  (new SLO version; an editor's change waits for an approver's sign-off)" : ""}`;
  if (c.kind === "slo" && c.action === "delete") return `- ${c.key}`;
  return `${c.action === "create" ? "+" : "~"} ${c.key}`;
}

export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  const errors = plan.issues.filter((i) => i.severity === "error");
  for (const i of plan.issues) lines.push(formatIssue(i));
  for (const w of plan.warnings) lines.push(formatIssue(w));
  if (errors.length) {
    lines.push("", `Plan failed: ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing would be changed.`);
    return lines.join("\n");
  }
  for (const c of plan.changes) {
    lines.push(headline(c));
    if (c.action !== "delete" && "fields" in c && c.action === "update")
      for (const f of c.fields) lines.push(`    ${f.field}: ${show(f.before)} → ${show(f.after)}`);
  }
  for (const n of plan.notes) lines.push(`note: ${n}`);
  const n = planCounts(plan);
  if (lines.length) lines.push("");
  lines.push(
    plan.changes.length
      ? `Plan: ${n.create} to create, ${n.update} to change, ${n.delete} to delete.`
      : "No changes: the server matches the files.",
  );
  return lines.join("\n");
}

/** One REST call of `srecp apply`; the CLI sends them in order and stops at the first failure. */
export type ApplyRequest = {
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
  describe: string;
};

const seg = encodeURIComponent;
const serviceBody = (s: ServiceSpec) => ({
  name: s.name,
  team: s.team,
  tier: s.tier,
  description: s.description,
  runbookUrl: s.runbookUrl,
  repoUrl: s.repoUrl,
  dashboardUrl: s.dashboardUrl,
  dataSource: s.dataSource,
});
const sloBody = (s: SloSpec) => ({
  description: s.description,
  displayName: s.displayName,
  objective: s.objective,
  window: s.window,
  sli: s.sli,
  sliName: s.sliName,
  runbookUrl: s.runbookUrl,
  alerting: s.alerting,
  labels: s.labels,
  alertSettings: s.alertSettings,
});
const policyBody = (p: PolicySpec) => ({
  atRiskBelow: p.atRiskBelow,
  freezeAtOrBelow: p.freezeAtOrBelow,
  freezeOnPageAlert: p.freezeOnPageAlert,
  agreedBy: p.agreedBy,
  notes: p.notes,
});
const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/**
 * The REST calls that carry out exactly the plan, through the same endpoints (and so the same
 * permissions, validation and audit) as the UI. Updates send the version/revision read for the plan,
 * so a change made on the server since then fails with 409 instead of being overwritten.
 */
export function applyRequests(plan: Plan): ApplyRequest[] {
  return plan.changes.map((c): ApplyRequest => {
    const describe = headline(c);
    if (c.kind === "service") {
      if (c.action === "create")
        return {
          method: "POST",
          path: "/api/v1/services",
          body: { slug: c.spec.slug, ...serviceBody(c.spec), managedBy: plan.managedBy },
          describe,
        };
      if (c.action === "update") {
        return {
          method: "PATCH",
          path: `/api/v1/services/${seg(c.spec.slug)}`,
          body: {
            ...pick(
              serviceBody(c.spec),
              c.fields.map((f) => f.field),
            ),
            ...(c.adopt ? { managedBy: plan.managedBy } : {}),
            version: c.version,
          },
          describe,
        };
      }
      return { method: "DELETE", path: `/api/v1/services/${seg(c.slug)}`, describe };
    }
    if (c.kind === "slo") {
      if (c.action === "create")
        return {
          method: "POST",
          path: "/api/v1/slos",
          body: { service: c.spec.service, name: c.spec.name, ...sloBody(c.spec), managedBy: plan.managedBy },
          describe,
        };
      if (c.action === "update") {
        return {
          method: "PATCH",
          path: `/api/v1/slos/${seg(c.id)}`,
          body: {
            ...pick(
              sloBody(c.spec),
              c.fields.map((f) => f.field),
            ),
            ...(c.adopt ? { managedBy: plan.managedBy } : {}),
            revision: c.revision,
          },
          describe,
        };
      }
      return { method: "DELETE", path: `/api/v1/slos/${seg(c.id)}`, describe };
    }
    const path =
      c.spec.scope === "service"
        ? `/api/v1/services/${seg(c.spec.target)}/policy`
        : `/api/v1/teams/${seg(c.spec.target)}/policy`;
    return {
      method: "PUT",
      path,
      body: { ...policyBody(c.spec), ...(c.version !== null ? { version: c.version } : {}) },
      describe,
    };
  });
}
