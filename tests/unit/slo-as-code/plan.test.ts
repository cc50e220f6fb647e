import { defaultAlertSettings } from "@/lib/slo";
import { sloDefaults } from "./helpers";
import { describe, expect, it } from "vitest";
import {
  applyRequests,
  formatPlan,
  makePlan,
  planCounts,
  type DesiredState,
  type ServerState,
  type ServiceSpec,
  type SloSpec,
} from "@/lib/slo-as-code";

const svc = (slug: string, extra: Partial<ServiceSpec> = {}): ServiceSpec => ({
  slug,
  name: slug,
  team: "core",
  tier: 3,
  description: "",
  runbookUrl: null,
  repoUrl: null,
  dashboardUrl: null,
  dataSource: null,
  ...extra,
});
const RUNBOOK = "https://runbooks.example.com/slo";
const slo = (service: string, name: string, extra: Partial<SloSpec> = {}): SloSpec => ({
  service,
  name,
  description: "",
  objective: 0.999,
  window: { kind: "rolling", days: 30 },
  sli: { kind: "ratio", total: "t_total", bad: "b_total" },
  runbookUrl: RUNBOOK,
  alerting: true,
  labels: {},
  ...sloDefaults(),
  ...extra,
});
const desired = (d: Partial<DesiredState>): DesiredState => ({
  services: [],
  slos: [],
  policies: [],
  origins: new Map(),
  ...d,
});
const server = (s: Partial<ServerState>): ServerState => ({
  teams: ["core", "other"],
  dataSources: ["mimir"],
  services: [],
  slos: [],
  policies: [],
  ...s,
});
const onServer = (s: ServiceSpec, managedBy: string | null = "srecp", version = 4) => ({ ...s, managedBy, version });
const sloOnServer = (
  s: SloSpec,
  id: string,
  managedBy: string | null = "srecp",
  revision = 2,
  pendingSignOff = false,
) => ({ ...s, id, managedBy, revision, pendingSignOff });

describe("makePlan", () => {
  it("is empty when the server matches the files", () => {
    const p = makePlan(
      desired({ services: [svc("a1")], slos: [slo("a1", "x")] }),
      server({ services: [onServer(svc("a1"))], slos: [sloOnServer(slo("a1", "x"), "id1")] }),
    );
    expect(p.changes).toEqual([]);
    expect(p.issues).toEqual([]);
    expect(formatPlan(p)).toBe("No changes: the server matches the files.");
  });

  it("creates, updates field by field and deletes only managed resources, in an order the API accepts", () => {
    const p = makePlan(
      desired({
        services: [svc("new1", { tier: 1 }), svc("kept", { description: "now described", dataSource: "mimir" })],
        slos: [slo("new1", "avail"), slo("kept", "lat", { objective: 0.99, labels: { a: "b" } })],
        policies: [
          {
            scope: "team",
            target: "core",
            atRiskBelow: 0.3,
            freezeAtOrBelow: 0,
            freezeOnPageAlert: true,
            agreedBy: "",
            notes: "",
          },
        ],
      }),
      server({
        services: [onServer(svc("kept")), onServer(svc("gone")), onServer(svc("ui-made"), null)],
        slos: [
          sloOnServer(slo("kept", "lat"), "id-lat", "srecp", 7),
          sloOnServer(slo("kept", "old"), "id-old"),
          sloOnServer(slo("gone", "g1"), "id-g1"),
          sloOnServer(slo("ui-made", "u1"), "id-u1", null),
        ],
        policies: [
          {
            scope: "team",
            target: "core",
            atRiskBelow: 0.25,
            freezeAtOrBelow: 0,
            freezeOnPageAlert: true,
            agreedBy: "",
            notes: "",
            version: 3,
          },
        ],
      }),
    );
    expect(p.issues).toEqual([]);
    expect(p.changes.map((c) => `${c.action} ${c.key}`)).toEqual([
      "create service new1",
      "update service kept",
      "update policy team core",
      "create slo new1/avail",
      "update slo kept/lat",
      "delete slo kept/old",
      "delete service gone",
    ]);
    expect(planCounts(p)).toEqual({ create: 2, update: 3, delete: 2 });
    expect(p.changes[6]).toMatchObject({ cascade: ["slo gone/g1"] }); // deleted with its service, not separately
    expect(formatPlan(p)).toBe(
      [
        "+ service new1  (team core, tier 1)",
        "~ service kept",
        '    description: (none) → "now described"',
        '    dataSource: (none) → "mimir"',
        "~ policy team core",
        "    atRiskBelow: 0.25 → 0.3",
        "+ slo new1/avail  (objective 0.999, ratio SLI)",
        "~ slo kept/lat  (new SLO version; an editor's change waits for an approver's sign-off)",
        "    objective: 0.999 → 0.99",
        '    labels: {} → {"a":"b"}',
        "- slo kept/old",
        "- service gone  (and its SLOs: gone/g1)",
        "",
        "Plan: 2 to create, 3 to change, 2 to delete.",
      ].join("\n"),
    );
  });

  it("turns the plan into the REST calls, with versions and revisions for optimistic concurrency", () => {
    const p = makePlan(
      desired({
        services: [svc("n1"), svc("k1", { name: "K" })],
        slos: [slo("k1", "s1", { alerting: false }), slo("n1", "s2")],
        policies: [
          {
            scope: "service",
            target: "k1",
            atRiskBelow: 0.5,
            freezeAtOrBelow: 0.1,
            freezeOnPageAlert: false,
            agreedBy: "ann",
            notes: "n",
          },
        ],
      }),
      server({
        services: [onServer(svc("k1"), null, 9), onServer(svc("old"))],
        slos: [sloOnServer(slo("k1", "s1"), "id/1", null, 5), sloOnServer(slo("k1", "x9"), "id9")],
      }),
    );
    expect(applyRequests(p).map(({ describe: _d, ...r }) => r)).toEqual([
      {
        method: "POST",
        path: "/api/v1/services",
        body: {
          slug: "n1",
          name: "n1",
          team: "core",
          tier: 3,
          description: "",
          runbookUrl: null,
          repoUrl: null,
          dashboardUrl: null,
          dataSource: null,
          managedBy: "srecp",
        },
      },
      { method: "PATCH", path: "/api/v1/services/k1", body: { name: "K", managedBy: "srecp", version: 9 } },
      {
        method: "POST",
        path: "/api/v1/slos",
        body: {
          service: "n1",
          name: "s2",
          description: "",
          displayName: "",
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          sli: { kind: "ratio", total: "t_total", bad: "b_total" },
          sliName: "",
          runbookUrl: RUNBOOK,
          alerting: true,
          labels: {},
          alertSettings: defaultAlertSettings(),
          managedBy: "srecp",
        },
      },
      { method: "PATCH", path: "/api/v1/slos/id%2F1", body: { alerting: false, managedBy: "srecp", revision: 5 } },
      {
        method: "PUT",
        path: "/api/v1/services/k1/policy",
        body: { atRiskBelow: 0.5, freezeAtOrBelow: 0.1, freezeOnPageAlert: false, agreedBy: "ann", notes: "n" },
      },
      { method: "DELETE", path: "/api/v1/slos/id9" },
      { method: "DELETE", path: "/api/v1/services/old" },
    ]);
    expect(p.changes[1]).toMatchObject({ adopt: true });
    expect(formatPlan(p)).toContain("~ service k1  (adopt: set managedBy)");
  });

  it("only deletes what its own owner manages (--managed-by)", () => {
    const s = server({
      services: [
        onServer(svc("mine"), "srecp-team-a"),
        onServer(svc("theirs"), "srecp-team-b"),
        onServer(svc("default"), "srecp"),
      ],
    });
    expect(makePlan(desired({}), s, { managedBy: "srecp-team-a" }).changes.map((c) => c.key)).toEqual(["service mine"]);
    expect(makePlan(desired({}), s).changes.map((c) => c.key)).toEqual(["service default"]);
  });

  it("refuses foreign resources and dangling references, at the line that declares them", () => {
    const origins = new Map([
      ["service b1", { file: "b.yaml", line: 3 }],
      ["slo zz/x", { file: "s.yaml", line: 9 }],
      ["slo gone/y", { file: "s.yaml", line: 20 }],
    ]);
    const p = makePlan(
      desired({
        services: [svc("b1", { team: "nope", dataSource: "thanos" }), svc("c1")],
        slos: [slo("zz", "x"), slo("gone", "y")],
        policies: [
          {
            scope: "team",
            target: "ghost",
            atRiskBelow: 0.3,
            freezeAtOrBelow: 0,
            freezeOnPageAlert: true,
            agreedBy: "",
            notes: "",
          },
        ],
        origins,
      }),
      server({ services: [onServer(svc("c1"), "terraform"), onServer(svc("gone"))] }),
    );
    expect(p.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`)).toEqual([
      'b.yaml:3: team: team "nope" does not exist on the server (teams are created by admins, not from files)',
      'b.yaml:3: dataSource: data source "thanos" does not exist on the server',
      '(files):1: : service "c1" is managed by "terraform", not "srecp"',
      's.yaml:9: service: service "zz" is neither declared in the files nor on the server',
      's.yaml:20: service: service "gone" is managed as code but not declared in the files, so it would be deleted: declare it',
      '(files):1: team: team "ghost" does not exist on the server',
    ]);
    expect(formatPlan(p)).toMatch(/Plan failed: 6 errors; nothing would be changed\.$/);
  });

  it("notes SLOs awaiting sign-off and service policies the files leave alone", () => {
    const p = makePlan(
      desired({ services: [svc("a1")], slos: [slo("a1", "x")] }),
      server({
        services: [onServer(svc("a1"))],
        slos: [sloOnServer(slo("a1", "x"), "i", "srecp", 1, true)],
        policies: [
          {
            scope: "service",
            target: "a1",
            atRiskBelow: 0.2,
            freezeAtOrBelow: 0,
            freezeOnPageAlert: true,
            agreedBy: "",
            notes: "",
            version: 1,
          },
        ],
      }),
    );
    expect(p.changes).toEqual([]);
    expect(p.notes).toEqual([
      "slo a1/x: its current definition awaits an approver's sign-off",
      'service "a1" has its own error-budget policy on the server that the files do not declare; srecp leaves policies in place',
    ]);
  });

  it("compares SLIs and windows by value, not key order", () => {
    const a = slo("a1", "x", {
      sli: { kind: "latency", metric: "h", matchers: "", thresholdSeconds: 0.3 },
      window: { kind: "calendar", unit: "month", timezone: "UTC" },
    });
    const reordered = {
      ...a,
      sli: { thresholdSeconds: 0.3, matchers: "", metric: "h", kind: "latency" as const },
      window: { timezone: "UTC", unit: "month" as const, kind: "calendar" as const },
    };
    expect(
      makePlan(
        desired({ services: [svc("a1")], slos: [a] }),
        server({ services: [onServer(svc("a1"))], slos: [sloOnServer(reordered, "i")] }),
      ).changes,
    ).toEqual([]);
  });

  it("warns about an alerting SLO without a runbook URL unless the server holds an in-app runbook for it", () => {
    const bare = slo("a1", "x", { runbookUrl: null });
    const warnings = (inApp: boolean | undefined) =>
      makePlan(
        desired({ services: [svc("a1")], slos: [bare] }),
        server({ services: [onServer(svc("a1"))], slos: [{ ...sloOnServer(bare, "i"), inAppRunbook: inApp }] }),
      ).warnings.map((w) => w.field);
    expect(warnings(undefined)).toEqual(["runbookUrl"]);
    expect(warnings(false)).toEqual(["runbookUrl"]);
    expect(warnings(true)).toEqual([]);
  });
});
