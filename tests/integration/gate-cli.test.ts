import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { startApiServer } from "../harness/api-server";
import { runSrecp } from "../harness/srecp-cli";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// The real `srecp` CLI process, as a CI step, against a real HTTP server in front of the route handlers.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const iso = (sec: number) => new Date(sec * 1000).toISOString();
const ratio = (service: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"5.."}`,
});

describe("srecp gate, deploy record and verify over HTTP", () => {
  let server: { url: string; close: () => Promise<void> };
  let env: Record<string, string>;
  const srecp = (...args: string[]) => runSrecp(args, env);

  beforeAll(async () => {
    server = await startApiServer(path.resolve(__dirname, "../.."), (f) => import(/* @vite-ignore */ f));
    const admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "gc-team", name: "gc-team" } })).status,
    ).toBe(201);
    for (const [svc, metric] of [
      ["gc-checkout", "checkout"],
      ["gc-payments", "payments"],
      ["gc-search", "search"],
    ] as const) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug: svc, name: svc, team: "gc-team" } }))
          .status,
      ).toBe(201);
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: {
          service: svc,
          name: `${metric}-availability`,
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          sli: ratio(metric),
          runbookUrl: "https://runbooks.example.com/x",
        },
      });
      expect(res.status).toBe(201);
    }
    const bot = await userWithToken("editor", ["gc-team"]);
    const ci = (await createApiToken(SYSTEM_ACTOR, { name: "ci", scopes: ["gate", "deployments"], ownerId: bot.id }))
      .token;
    env = { SRECP_URL: server.url, SRECP_TOKEN: ci };
  });
  afterAll(async () => server?.close());

  it("gate exits 0 for a healthy service and 1 for an exhausted budget, printing the reasons", async () => {
    const ok = await srecp("gate", "--service", "gc-checkout");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^release gate for gc-checkout: ALLOWED \(state healthy/);
    expect(ok.stdout).toMatch(/checkout-availability\s+50 %/);
    const frozen = await srecp("gate", "--service", "gc-payments", "--at", iso(end));
    expect(frozen.code).toBe(1);
    expect(frozen.stdout).toContain("release gate for gc-payments: NOT ALLOWED (state frozen");
    expect(frozen.stdout).toContain("  - payments-availability: -900 % of the error budget left (freeze at 0 %)");
    expect(frozen.stdout).toContain("  - payments-availability: a page-level burn-rate alert is firing");
    const json = await srecp("gate", "--service", "gc-payments", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ allowed: false, state: "frozen" });
  }, 60_000);

  it("gate exits 2 when it cannot tell: unknown service, bad token, no server, usage", async () => {
    const unknown = await srecp("gate", "--service", "gc-nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("404 NOT_FOUND");
    expect((await runSrecp(["gate", "--service", "gc-checkout"], { ...env, SRECP_TOKEN: "srecp_wrong" })).code).toBe(2);
    const down = await runSrecp(["gate", "--service", "gc-checkout", "--url", "http://127.0.0.1:1"], env);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain("cannot reach http://127.0.0.1:1");
    expect((await srecp("gate")).code).toBe(2);
    expect((await srecp("gate", "--service", "gc-checkout", "--at", "soon")).code).toBe(2);
  }, 60_000);

  it("records a deploy, prints its id, and verify passes when burn rates stay low", async () => {
    const rec = await srecp(
      "deploy",
      "record",
      "--service",
      "gc-checkout",
      "--version",
      "v7.1.0",
      "--at",
      iso(end - 10 * 86_400),
      "--link",
      "https://ci.example.com/runs/42",
    );
    expect(rec.code, rec.stderr).toBe(0);
    const id = rec.stdout.trim();
    expect(id).toMatch(/^[a-z0-9]{20,}$/);
    expect(rec.stderr).toContain(`recorded gc-checkout v7.1.0 → production at ${iso(end - 10 * 86_400)}`);
    const v = await srecp("verify", "--service", "gc-checkout", "--since", id, "--at", iso(end));
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain("deploy v7.1.0 of gc-checkout to production");
    expect(v.stdout).toMatch(/checkout-availability\s+0\.5\s+0\.5\s+14\.4\s+-\s+ok/);
    expect(v.stdout.trim().endsWith("verify: ok")).toBe(true);
  }, 60_000);

  it("verify exits 1 when the deploy is followed by a page-level burn (the search incident)", async () => {
    const deployAt = scenario.incident.start - 3600;
    const rec = await srecp("deploy", "record", "--service", "gc-search", "--version", "v2.0.0", "--at", iso(deployAt));
    expect(rec.code).toBe(0);
    const v = await srecp(
      "verify",
      "--service",
      "gc-search",
      "--since",
      rec.stdout.trim(),
      "--at",
      iso(scenario.incident.start + 3600),
    );
    expect(v.code, v.stdout + v.stderr).toBe(1);
    expect(v.stdout).toMatch(
      /search-availability\s+0\s+100\s+14\.4\s+page-fast,page-slow\S*\s+BREACH: page alert firing: page-fast, page-slow/,
    );
    expect(v.stdout).toContain("verify: SLO BREACH — roll back");
    // the same check by instant instead of deployment id
    expect(
      (
        await srecp(
          "verify",
          "--service",
          "gc-search",
          "--since",
          iso(deployAt),
          "--at",
          iso(scenario.incident.start + 3600),
        )
      ).code,
    ).toBe(1);
    // an hour before the incident nothing burns
    expect(
      (await srecp("verify", "--service", "gc-search", "--since", iso(deployAt - 3600), "--at", iso(deployAt))).code,
    ).toBe(0);
  }, 60_000);

  it("deploy record and verify refuse bad input", async () => {
    const bad = await srecp("deploy", "record", "--service", "gc-checkout");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--version is required");
    const refused = await srecp(
      "deploy",
      "record",
      "--service",
      "gc-checkout",
      "--version",
      "v1",
      "--at",
      iso(end + 86_400 * 400),
    );
    expect(refused.code).toBe(2);
    const unknown = await srecp("deploy", "record", "--service", "gc-nope", "--version", "v1");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('service: unknown service "gc-nope"');
    expect((await srecp("verify", "--service", "gc-search", "--since", "no-such-deploy")).code).toBe(2);
    const other = (
      await srecp("deploy", "record", "--service", "gc-payments", "--version", "v1", "--at", iso(end))
    ).stdout.trim();
    const mismatch = await srecp("verify", "--service", "gc-search", "--since", other);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('is of service "gc-payments", not "gc-search"');
  }, 60_000);
});
