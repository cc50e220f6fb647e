import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";

// `srecp demo` (the real CLI, in a database of its own: the demo's slugs are fixed) exercises every
// readiness check both ways, and loading it twice changes nothing.

const root = path.resolve(__dirname, "../..");
type Check = { key: string; status: string };
type Scorecard = {
  teams: { team: { slug: string }; serviceScores: { service: { slug: string }; checks: Check[] }[] }[];
};

describe("the demo exercises every readiness check both ways", () => {
  let db: { url: string; drop: () => Promise<void> };
  const env = () => ({ DATABASE_URL: db.url, LOG_LEVEL: "silent" });
  const dump = (): { scorecard: Scorecard } => {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const res = spawnSync(
      process.execPath,
      [
        tsx,
        "--conditions=react-server",
        "--tsconfig",
        path.join(root, "tsconfig.json"),
        path.join(root, "tests/harness/readiness-dump.ts"),
      ],
      { cwd: root, env: { ...process.env, ...env() }, encoding: "utf8" },
    );
    if (res.status !== 0) throw new Error(`readiness-dump failed: ${res.stderr}`);
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    db = await createTestDatabase("srecp_demo");
    const first = await runSrecp(["demo"], env());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo loaded: 2 teams, 4 services, 4 users .*; readiness demo: /);
  }, 180_000);
  afterAll(async () => db?.drop());

  it("has the verdicts documented in lib/services/demo-extended.ts, and the same after a second load", async () => {
    const verdicts = (s: Scorecard) =>
      Object.fromEntries(
        s.teams
          .flatMap((t) => t.serviceScores)
          .map((x) => [x.service.slug, x.checks.map((c) => (c.status === "pass" ? "✓" : "✗")).join("")]),
      );
    const before = verdicts(dump().scorecard);
    //                       signed runbooks policy escalation postmortems items
    expect(before).toEqual({
      checkout: "✓✓✓✓✓✓",
      payments: "✗✗✓✗✓✓",
      search: "✓✓✗✗✗✗",
      recommendations: "✗✓✗✗✓✓",
    });
    // every check passes somewhere and fails somewhere
    for (let i = 0; i < 6; i += 1)
      expect(new Set(Object.values(before).map((v) => [...v][i])), `check ${i}`).toEqual(new Set(["✓", "✗"]));
    const again = await runSrecp(["demo"], env());
    expect(again.code, again.stderr).toBe(0);
    expect(verdicts(dump().scorecard)).toEqual(before);
  }, 180_000);
});
