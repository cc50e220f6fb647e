import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as servicePolicy from "@/app/api/v1/services/[slug]/policy/route";
import * as teamPolicy from "@/app/api/v1/teams/[slug]/policy/route";
import * as state from "@/app/api/v1/config/state/route";
import * as audit from "@/app/api/v1/audit/route";
import { startApiServer } from "../harness/api-server";
import { truncateAll } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";
import { call, userWithToken } from "./helpers/api";

// SLOs as code end to end: the real CLI process against a real HTTP server in front of the route handlers.
const root = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-roundtrip-"));

/** Every file under `dir` → its text, keyed by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

const TEAMS = [
  { slug: "rt-pay", name: "Payments" },
  { slug: "rt-find", name: "Discovery", timezone: "Europe/Berlin" },
];

async function seedTeams(token: string) {
  for (const t of TEAMS) expect((await call(teams.POST, { method: "POST", token, body: t })).status).toBe(201);
}

describe("SLOs as code: plan, apply, export", () => {
  let server: { url: string; close: () => Promise<void> };
  let admin: string;
  const srecp = (args: string[], token = admin) => runSrecp(args, { SRECP_URL: server.url, SRECP_TOKEN: token });
  const dirA = path.join(tmp, "a");

  beforeAll(async () => {
    server = await startApiServer(root, (f) => import(/* @vite-ignore */ f));
    // This file owns the database while it runs: export and plan see the whole catalog, so start empty
    // (other files create what they need in their own beforeAll).
    await truncateAll(inject("DATABASE_URL"));
    admin = (await userWithToken("admin")).token;
    await seedTeams(admin);
    const post = async (handler: typeof services.POST, body: unknown) => {
      const res = await call(handler, { method: "POST", token: admin, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await post(services.POST, {
      slug: "rt-checkout",
      name: "Checkout",
      team: "rt-pay",
      tier: 1,
      description: "Takes orders",
      runbookUrl: "https://runbooks.example.com/checkout",
      repoUrl: "https://git.example.com/checkout",
    });
    await post(services.POST, { slug: "rt-search", name: "Search", team: "rt-find", tier: 2 });
    await post(services.POST, { slug: "rt-legacy", name: "Legacy", team: "rt-find" });
    await post(slos.POST, {
      service: "rt-checkout",
      name: "availability",
      description: "Orders without 5xx",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: {
        kind: "ratio",
        total: 'http_requests_total{service="checkout"}',
        bad: 'http_requests_total{service="checkout",code=~"5.."}',
      },
      runbookUrl: "https://runbooks.example.com/checkout/availability",
      labels: { category: "availability", tier: "1" },
    });
    await post(slos.POST, {
      service: "rt-checkout",
      name: "latency",
      objective: 0.99,
      window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
      alerting: false,
      sli: {
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="checkout"',
        thresholdSeconds: 0.3,
      },
    });
    await post(slos.POST, {
      service: "rt-search",
      name: "availability",
      objective: 0.999,
      window: { kind: "rolling", days: 7 },
      sli: {
        kind: "ratio",
        total: 'http_requests_total{service="search"}',
        good: 'http_requests_total{service="search",code!~"5.."}',
      },
    });
    expect(
      (
        await call(servicePolicy.PUT, {
          method: "PUT",
          token: admin,
          params: { slug: "rt-checkout" },
          body: {
            atRiskBelow: 0.4,
            freezeAtOrBelow: 0.05,
            freezeOnPageAlert: false,
            agreedBy: "Head of Payments",
            notes: "Q3 agreement",
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(teamPolicy.PUT, {
          method: "PUT",
          token: admin,
          params: { slug: "rt-find" },
          body: { atRiskBelow: 0.3 },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("round trip: export → wipe the database → apply → export gives identical files, and plan after apply exits 0", async () => {
    const exported = await srecp(["export", "-o", dirA]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("exported 3 services, 3 SLOs and 2 policies to 4 files");
    const before = tree(dirA);
    expect(Object.keys(before).sort()).toEqual([
      "services/rt-checkout.yaml",
      "services/rt-legacy.yaml",
      "services/rt-search.yaml",
      "teams/rt-find.yaml",
    ]);
    expect(before["services/rt-checkout.yaml"]).toContain("kind: BudgetPolicy");

    await truncateAll(inject("DATABASE_URL"));
    admin = (await userWithToken("admin")).token;
    await seedTeams(admin);

    const plan = await srecp(["plan", "-f", dirA]);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain("+ service rt-checkout  (team rt-pay, tier 1)");
    expect(plan.stdout).toContain("+ slo rt-checkout/latency  (objective 0.99, latency SLI)");
    expect(plan.stdout).toContain("+ policy team rt-find");
    expect(plan.stdout.trim().split("\n").at(-1)).toBe("Plan: 8 to create, 0 to change, 0 to delete.");

    const apply = await srecp(["apply", "-f", dirA]);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 8 created, 0 changed, 0 deleted.");

    const dirB = path.join(tmp, "b");
    expect((await srecp(["export", "-o", dirB])).code).toBe(0);
    expect(tree(dirB)).toEqual(before);

    const again = await srecp(["plan", "-f", dirA]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout.trim().split("\n").at(-1)).toBe("No changes: the server matches the files.");
    // SLOs with alerting on but no runbook get no alert rules: every plan says so
    expect(again.stdout).toContain(
      "services/rt-search.yaml:14: warning: runbookUrl: slo rt-search/availability has no runbook URL, so it gets no alert rules",
    );

    const s = (await call(state.GET, { token: admin, url: "/x" })).body;
    expect(s.services.map((x: { managedBy: string }) => x.managedBy)).toEqual(["srecp", "srecp", "srecp"]);
    expect(s.slos.map((x: { managedBy: string }) => x.managedBy)).toEqual(["srecp", "srecp", "srecp"]);
    // applied through the REST API: audited as the token's user
    const log = await call(audit.GET, { token: admin, url: "/x?entityType=service&pageSize=10" });
    expect(log.body.items.filter((e: { action: string }) => e.action === "service.create")).toHaveLength(3);
  }, 120_000);

  it("plans and applies edits: a changed objective, a new SLO, a deleted service; UI-made resources are never touched", async () => {
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "rt-ui", name: "Made in the UI", team: "rt-find" },
        })
      ).status,
    ).toBe(201);
    const search = path.join(dirA, "services/rt-search.yaml");
    fs.writeFileSync(search, fs.readFileSync(search, "utf8").replace("objective: 0.999", "objective: 0.995"));
    fs.appendFileSync(
      search,
      `---
apiVersion: srecp/v1
kind: SLO
metadata:
  name: latency
spec:
  service: rt-search
  objective: 0.95
  window: { kind: rolling, days: 28 }
  sli: { kind: latency, metric: http_request_duration_seconds, matchers: 'service="search"', thresholdSeconds: 0.1 }
`,
    );
    fs.rmSync(path.join(dirA, "services/rt-legacy.yaml"));

    const plan = await srecp(["plan", "-f", dirA]);
    expect(plan.code, plan.stderr).toBe(2);
    const noRunbook = (line: number, slo: string) =>
      `${path.relative(root, search)}:${line}: warning: runbookUrl: slo ${slo} has no runbook URL, so it gets no alert rules (every srecp alert needs a runbook); add one to get its burn-rate alerts`;
    expect(plan.stdout).toBe(
      [
        noRunbook(14, "rt-search/availability"),
        noRunbook(30, "rt-search/latency"),
        "+ slo rt-search/latency  (objective 0.95, latency SLI)",
        "~ slo rt-search/availability  (new SLO version; an editor's change waits for an approver's sign-off)",
        "    objective: 0.999 → 0.995",
        "- service rt-legacy",
        "",
        "Plan: 1 to create, 1 to change, 1 to delete.",
        "",
      ].join("\n"),
    );
    expect((await srecp(["apply", "-f", dirA])).code).toBe(0);
    expect((await srecp(["plan", "-f", dirA])).code).toBe(0);
    const s = (await call(state.GET, { token: admin, url: "/x" })).body;
    expect(s.services.map((x: { slug: string; managedBy: string | null }) => `${x.slug}:${x.managedBy}`)).toEqual([
      "rt-checkout:srecp",
      "rt-search:srecp",
      "rt-ui:null",
    ]);
    expect(
      s.slos.find((x: { service: string; name: string }) => x.service === "rt-search" && x.name === "availability")
        .objective,
    ).toBe(0.995);
  }, 120_000);

  it("goes through permissions: a viewer's apply is refused (403) and changes nothing; an editor's SLO change waits for sign-off", async () => {
    const search = path.join(dirA, "services/rt-search.yaml");
    fs.writeFileSync(search, fs.readFileSync(search, "utf8").replace("objective: 0.995", "objective: 0.99"));
    const viewer = (await userWithToken("viewer", ["rt-find"])).token;
    const refused = await srecp(["apply", "-f", dirA], viewer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("403 FORBIDDEN");
    expect(refused.stderr).toContain("Apply stopped: 0 of 1 changes applied.");

    const editor = (await userWithToken("editor", ["rt-find"])).token;
    const applied = await srecp(["apply", "-f", dirA], editor);
    expect(applied.code, applied.stderr).toBe(0);
    const after = await srecp(["plan", "-f", dirA], editor);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(
      "note: slo rt-search/availability: its current definition awaits an approver's sign-off",
    );
    const s = (await call(state.GET, { token: admin, url: "/x" })).body;
    expect(
      s.slos.find((x: { service: string; name: string }) => x.service === "rt-search" && x.name === "availability"),
    ).toMatchObject({ objective: 0.99, pendingSignOff: true });
  }, 120_000);

  it("refuses to plan files with errors (exit 1, file:line: field: message) and exports OpenSLO that plans clean", async () => {
    const bad = path.join(tmp, "bad");
    fs.mkdirSync(bad);
    fs.writeFileSync(
      path.join(bad, "svc.yaml"),
      "apiVersion: srecp/v1\nkind: Service\nmetadata:\n  name: rt-x\nspec:\n  team: rt-nope\n",
    );
    const unknownTeam = await srecp(["plan", "-f", bad]);
    expect(unknownTeam.code).toBe(1);
    expect(unknownTeam.stderr).toContain(
      `${path.relative(root, path.join(bad, "svc.yaml"))}:4: team: team "rt-nope" does not exist on the server`,
    );
    fs.writeFileSync(
      path.join(bad, "svc.yaml"),
      "apiVersion: srecp/v1\nkind: Service\nmetadata:\n  name: rt-x\nspec:\n  tier: five\n",
    );
    const invalid = await srecp(["plan", "-f", bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("svc.yaml:6: spec.tier: must be 1 to 4");
    expect(invalid.stderr).toContain("svc.yaml:5: spec.team: is required");

    const openslo = path.join(tmp, "openslo");
    expect((await srecp(["export", "--format", "openslo", "--managed-by", "srecp", "-o", openslo])).code).toBe(0);
    expect(Object.keys(tree(openslo)).sort()).toEqual([
      "services/rt-checkout.yaml",
      "services/rt-search.yaml",
      "teams/rt-find.yaml",
    ]); // not rt-ui
    expect(tree(openslo)["services/rt-checkout.yaml"]).toContain("apiVersion: openslo/v1");
    const plan = await srecp(["plan", "-f", openslo]);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    // exporting everything and planning it would adopt the UI-made service
    const everything = path.join(tmp, "everything");
    expect((await srecp(["export", "-o", everything])).code).toBe(0);
    const adopt = await srecp(["plan", "-f", everything]);
    expect(adopt.code).toBe(2);
    expect(adopt.stdout).toContain("~ service rt-ui  (adopt: set managedBy)");

    const stream = await srecp(["export"]);
    expect(stream.code).toBe(0);
    expect(stream.stdout.startsWith("# services/rt-checkout.yaml\n")).toBe(true);
  }, 120_000);
});
