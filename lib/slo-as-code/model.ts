import type { AlertSettings, EventSli, Sli, SloWindow } from "@/lib/slo";
import type { Issue } from "./source";
import { sameJson } from "@/lib/canonical-json";

/**
 * The canonical model SLOs-as-code works on: what the YAML files (native, OpenSLO, Sloth) describe and
 * what the server holds, in one normalised shape so that "no change" is plain equality.
 */

/** managedBy value that `srecp apply` writes by default. */
export const MANAGED_BY = "srecp";

export type ServiceSpec = {
  slug: string;
  name: string;
  team: string;
  tier: number;
  description: string;
  runbookUrl: string | null;
  repoUrl: string | null;
  dashboardUrl: string | null;
  dataSource: string | null;
};

export type SloSpec = {
  service: string;
  name: string;
  description: string;
  objective: number;
  window: SloWindow;
  sli: Sli;
  runbookUrl: string | null;
  alerting: boolean;
  labels: Record<string, string>;
  /** Human title ("" = none) and the SLI's own name ("" = the SLO's name), from OpenSLO. */
  displayName: string;
  sliName: string;
  /** Normalised (normalAlertSettings), so equal settings are equal values. */
  alertSettings: AlertSettings;
};

export type PolicySpec = {
  scope: "service" | "team";
  target: string;
  atRiskBelow: number;
  freezeAtOrBelow: number;
  freezeOnPageAlert: boolean;
  agreedBy: string;
  notes: string;
};

export type ConfigState = { services: ServiceSpec[]; slos: SloSpec[]; policies: PolicySpec[] };

/** Where a resource was declared: file and 1-based line. */
export type Origin = { file: string; line: number };

/** What the files declare, with the origin of every resource (for error messages). */
export type DesiredState = ConfigState & { origins: Map<string, Origin>; warnings?: Issue[] };

/** What the server holds, with what apply needs to change it safely. */
export type ServerState = {
  teams: string[];
  dataSources: string[];
  services: (ServiceSpec & { managedBy: string | null; version: number })[];
  /** inAppRunbook: the SLO has an in-app runbook with text (not part of the files: edited in the app). */
  slos: (SloSpec & {
    id: string;
    managedBy: string | null;
    revision: number;
    pendingSignOff: boolean;
    inAppRunbook?: boolean;
  })[];
  policies: (PolicySpec & { version: number })[];
};

export const serviceKey = (s: { slug: string }) => `service ${s.slug}`;
export const sloKey = (s: { service: string; name: string }) => `slo ${s.service}/${s.name}`;
export const policyKey = (p: { scope: string; target: string }) => `policy ${p.scope} ${p.target}`;

// One canonical comparison for the whole app (lib/canonical-json.ts): plans compare like the API does.
export { canonicalJson, sortKeys } from "@/lib/canonical-json";
export const sameValue = sameJson;

/** Normalised SLI: only the keys that mean something for its kind. */
export function normalSli(sli: Sli): Sli {
  if (sli.kind === "timeslice")
    return {
      kind: "timeslice",
      sliceMinutes: sli.sliceMinutes,
      threshold: sli.threshold,
      of: normalSli(sli.of) as EventSli,
    };
  if (sli.kind === "latency")
    return {
      kind: "latency",
      metric: sli.metric.trim(),
      matchers: sli.matchers.trim(),
      thresholdSeconds: sli.thresholdSeconds,
    };
  if (sli.kind === "boolGauge") return { kind: "boolGauge", metric: sli.metric.trim() };
  return {
    kind: "ratio",
    total: sli.total.trim(),
    ...(sli.good !== undefined && sli.good.trim() !== "" ? { good: sli.good.trim() } : {}),
    ...(sli.bad !== undefined && sli.bad.trim() !== "" ? { bad: sli.bad.trim() } : {}),
  };
}

export function normalWindow(w: SloWindow): SloWindow {
  return w.kind === "rolling"
    ? { kind: "rolling", days: w.days }
    : { kind: "calendar", unit: w.unit, timezone: w.timezone || "UTC" };
}

export const SERVICE_FIELDS = [
  "name",
  "team",
  "tier",
  "description",
  "runbookUrl",
  "repoUrl",
  "dashboardUrl",
  "dataSource",
] as const;
export const SLO_FIELDS = [
  "description",
  "displayName",
  "objective",
  "window",
  "sli",
  "sliName",
  "runbookUrl",
  "alerting",
  "labels",
  "alertSettings",
] as const;
/** Fields whose change makes a new immutable SLO version (which may need sign-off): the API's rule, lib/slo/definition.ts. */
export { SLO_DEFINITION_FIELDS } from "@/lib/slo/definition";
export const POLICY_FIELDS = ["atRiskBelow", "freezeAtOrBelow", "freezeOnPageAlert", "agreedBy", "notes"] as const;

/** Code-point order (locale-independent, so output is the same on every machine). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const sortState = <T extends ConfigState>(s: T): T => ({
  ...s,
  services: [...s.services].sort((a, b) => cmp(a.slug, b.slug)),
  slos: [...s.slos].sort((a, b) => cmp(a.service, b.service) || cmp(a.name, b.name)),
  policies: [...s.policies].sort((a, b) => cmp(a.scope, b.scope) || cmp(a.target, b.target)),
});
