import {
  NATIVE_API_VERSION,
  NATIVE_KINDS,
  policyDocSchema,
  serviceDocSchema,
  sloDocSchema,
  type DocError,
  type ServiceDoc,
  type SloDoc,
} from "@/lib/validation/slo-as-code";
import { isDefaultAlertSettings, normalAlertSettings } from "@/lib/slo";
import { normalSli, normalWindow, type PolicySpec, type ServiceSpec, type SloSpec } from "./model";
import type { Issue, YamlDoc } from "./source";

/**
 * The native format, `apiVersion: srecp/v1` with kinds Service, SLO and BudgetPolicy
 * (docs/slo-as-code.md). Parsing validates with the same zod schemas the REST API uses, so a file that
 * plans cleanly also applies cleanly.
 */
export type Parsed =
  | { kind: "service"; spec: ServiceSpec; line: number }
  | { kind: "slo"; spec: SloSpec; line: number }
  | { kind: "policy"; spec: PolicySpec; line: number };

export function zodIssues(doc: YamlDoc, error: DocError, prefix: readonly (string | number)[] = []): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of error.issues) {
    const path = [...prefix, ...(i.path as (string | number)[])];
    const key = path.join(".");
    if (seen.has(key)) continue;
    seen.add(key);
    if (i.code === "unrecognized_keys") {
      const keys = (i as { keys: string[] }).keys;
      out.push({ ...doc.issue([...path, keys[0]!], `unknown field(s): ${keys.join(", ")}`), field: key });
    } else out.push(doc.issue(path, /received undefined$/.test(i.message) ? "is required" : i.message));
  }
  return out;
}

/** The ServiceSpec of a validated Service document (native, or mapped from OpenSLO). */
export function serviceSpecOf({ metadata: m, spec: s }: ServiceDoc): ServiceSpec {
  return {
    slug: m.name,
    name: m.displayName ?? m.name,
    team: s.team,
    tier: s.tier,
    description: s.description,
    runbookUrl: s.links.runbook,
    repoUrl: s.links.repo,
    dashboardUrl: s.links.dashboard,
    dataSource: s.dataSource,
  };
}

/** What an SLO document and an SloSpec say alike, in canonical form and in the order both write it. */
const sloTerms = (s: Pick<SloSpec, "objective" | "window" | "sli" | "sliName" | "runbookUrl" | "alerting">) => ({
  objective: s.objective,
  window: normalWindow(s.window),
  sli: normalSli(s.sli),
  sliName: s.sliName,
  runbookUrl: s.runbookUrl,
  alerting: s.alerting,
});

/** The canonical SloSpec of a validated native SLO document (Sloth, OpenSLO and Pyrra imports build one too). */
export function sloSpecOf({ metadata: m, spec: s }: SloDoc): SloSpec {
  return {
    service: s.service,
    name: m.name,
    description: s.description,
    displayName: m.displayName,
    ...sloTerms(s),
    labels: m.labels,
    alertSettings: normalAlertSettings(s.alertSettings),
  };
}

export function parseNative(doc: YamlDoc): { items: Parsed[]; issues: Issue[] } {
  const kind = doc.get(["kind"]);
  if (typeof kind !== "string" || !(kind in NATIVE_KINDS)) {
    return {
      items: [],
      issues: [
        doc.issue(
          ["kind"],
          `kind must be one of ${Object.keys(NATIVE_KINDS).join(", ")} for apiVersion ${NATIVE_API_VERSION}`,
        ),
      ],
    };
  }
  const line = doc.line(["metadata", "name"]);
  if (kind === "Service") {
    const r = serviceDocSchema.safeParse(doc.data);
    if (!r.success) return { items: [], issues: zodIssues(doc, r.error) };
    return { items: [{ kind: "service", line, spec: serviceSpecOf(r.data) }], issues: [] };
  }
  if (kind === "SLO") {
    const r = sloDocSchema.safeParse(doc.data);
    if (!r.success) return { items: [], issues: zodIssues(doc, r.error) };
    return {
      items: [{ kind: "slo", line, spec: sloSpecOf(r.data) }],
      issues: [],
    };
  }
  const r = policyDocSchema.safeParse(doc.data);
  if (!r.success) return { items: [], issues: zodIssues(doc, r.error) };
  const { service, team, ...p } = r.data.spec;
  return {
    items: [
      {
        kind: "policy",
        line: doc.line(["spec"]),
        spec: {
          scope: service ? "service" : "team",
          target: (service ?? team)!,
          atRiskBelow: p.atRiskBelow,
          freezeAtOrBelow: p.freezeAtOrBelow,
          freezeOnPageAlert: p.freezeOnPageAlert,
          agreedBy: p.agreedBy,
          notes: p.notes,
        },
      },
    ],
    issues: [],
  };
}

/** Drops null, "" and {} so exported files only say what differs from the defaults. */
const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== null &&
        v !== undefined &&
        v !== "" &&
        !(typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0),
    ),
  );

export function serviceDoc(s: ServiceSpec) {
  return {
    apiVersion: NATIVE_API_VERSION,
    kind: "Service",
    metadata: { name: s.slug, displayName: s.name },
    spec: compact({
      team: s.team,
      tier: s.tier,
      description: s.description,
      links: compact({ runbook: s.runbookUrl, repo: s.repoUrl, dashboard: s.dashboardUrl }),
      dataSource: s.dataSource,
    }),
  };
}

export function sloDoc(s: SloSpec) {
  return {
    apiVersion: NATIVE_API_VERSION,
    kind: "SLO",
    metadata: compact({ name: s.name, displayName: s.displayName, labels: s.labels }),
    spec: compact({
      service: s.service,
      description: s.description,
      ...sloTerms(s),
      alertSettings: isDefaultAlertSettings(s.alertSettings) ? null : s.alertSettings,
    }),
  };
}

export function policyDoc(p: PolicySpec) {
  return {
    apiVersion: NATIVE_API_VERSION,
    kind: "BudgetPolicy",
    spec: compact({
      [p.scope]: p.target,
      atRiskBelow: p.atRiskBelow,
      freezeAtOrBelow: p.freezeAtOrBelow,
      freezeOnPageAlert: p.freezeOnPageAlert,
      agreedBy: p.agreedBy,
      notes: p.notes,
    }),
  };
}
