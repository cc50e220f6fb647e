import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import * as rules from "@/app/api/v1/rules/route";
import * as sloRules from "@/app/api/v1/slos/[id]/rules/route";
import * as approve from "@/app/api/v1/slos/[id]/versions/[number]/approve/route";
import * as reject from "@/app/api/v1/slos/[id]/versions/[number]/reject/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// Issue 11 item 4: every rule file we serve (GET /api/v1/rules and each SLO's rules) passes the real
// `promtool check rules` (Prometheus 2.42), over every SLO kind; invalid PromQL never gets that far (422).
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";

async function promtoolCheck(dir: string, name: string, yaml: string) {
  await writeFile(path.join(dir, name), yaml);
  try {
    const { stdout, stderr } = await run(PROMTOOL, ["check", "rules", name], { cwd: dir, timeout: 60_000 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const SERVICE = "rules-check";
const runbook = 'https://runbooks.example.com/rules-check?a=1&b="2"';
// One of each: ratio bad/good, latency with and without matchers, bool gauge (Pyrra's bool_gauge), timeslices over a ratio and a latency SLI, rolling 7/28/30, calendar month/week in a
// zone, with and without runbook (no runbook → recording rules only), alerting off, awkward label values.
const DEFINITIONS = [
  {
    name: "ratio-bad-rolling-30",
    window: { kind: "rolling", days: 30 },
    runbookUrl: runbook,
    sli: {
      kind: "ratio",
      total: 'http_requests_total{service="rc",path=~"/api/(a|b)\\\\.json"}',
      bad: 'http_requests_total{service="rc",code=~"5..|429"}',
    },
  },
  {
    name: "ratio-good-rolling-7",
    window: { kind: "rolling", days: 7 },
    runbookUrl: runbook,
    sli: { kind: "ratio", total: "{__name__=\"rpc_total\",job='rc'}", good: 'rpc_total{job=`rc`, outcome!="error"}' },
  },
  {
    name: "latency-rolling-28",
    window: { kind: "rolling", days: 28 },
    runbookUrl: runbook,
    sli: {
      kind: "latency",
      metric: "http_request_duration_seconds",
      matchers: 'service="rc", route!~"/health.*"',
      thresholdSeconds: 0.25,
    },
  },
  {
    name: "latency-calendar-month",
    window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
    runbookUrl: runbook,
    sli: { kind: "latency", metric: "rpc_duration_seconds", matchers: "", thresholdSeconds: 1 },
  },
  {
    name: "ratio-calendar-week-no-runbook",
    window: { kind: "calendar", unit: "week", timezone: "America/New_York" },
    sli: { kind: "ratio", total: "jobs_total", bad: 'jobs_total{result="failed"}' },
  },
  {
    name: "bool-gauge-rolling-7",
    window: { kind: "rolling", days: 7 },
    runbookUrl: runbook,
    sli: { kind: "boolGauge", metric: 'probe_success{job="blackbox",target=~"https://.+"}' },
  },
  {
    name: "timeslice-ratio-1m",
    window: { kind: "rolling", days: 30 },
    runbookUrl: runbook,
    sli: {
      kind: "timeslice",
      sliceMinutes: 1,
      threshold: 0.99,
      of: {
        kind: "ratio",
        total: 'http_requests_total{service="rc"}',
        bad: 'http_requests_total{service="rc",code=~"5.."}',
      },
    },
  },
  {
    name: "timeslice-latency-5m",
    window: { kind: "calendar", unit: "month", timezone: "UTC" },
    runbookUrl: runbook,
    sli: {
      kind: "timeslice",
      sliceMinutes: 5,
      threshold: 0.95,
      of: { kind: "latency", metric: "rpc_duration_seconds", matchers: 'job="rc"', thresholdSeconds: 0.5 },
    },
  },
  {
    name: "ratio-alerting-off",
    window: { kind: "rolling", days: 30 },
    runbookUrl: runbook,
    alerting: false,
    sli: { kind: "ratio", total: "x_total", bad: 'x_total{ok="false"}' },
  },
];

describe("served rule files under promtool check rules", () => {
  let admin = "";
  let dir = "";
  const ids: string[] = [];

  beforeAll(async () => {
    if (!existsSync(PROMTOOL)) throw new Error(`promtool not found at ${PROMTOOL} (apt-get install prometheus)`);
    dir = await mkdtemp(path.join(tmpdir(), "served-rules-"));
    admin = (await userWithToken("admin")).token;
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "rules-check-team", name: "Rules check" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: SERVICE, name: "Rules check", team: "rules-check-team" },
        })
      ).status,
    ).toBe(201);
    for (const d of DEFINITIONS) {
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: {
          service: SERVICE,
          objective: 0.999,
          description: 'Says "hi"\nand {{ braces }}',
          labels: { owner: 'a "quoted" value' },
          ...d,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("refuses invalid PromQL with 422 naming the field and the position, on create and on edit", async () => {
    const bad = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: SERVICE,
        name: "broken",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: "http_requests_total{service=}", bad: "http_requests_total" },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields["sli.total"]).toMatch(/^line 1, column 29: parse error: unexpected "}"/);
    const edit = await call(slo.PATCH, {
      method: "PATCH",
      token: admin,
      params: { id: ids[0]! },
      body: { revision: 1, sli: { kind: "ratio", total: "x_total", bad: "sum(x_total" } },
    });
    expect(edit.status).toBe(422);
    expect(edit.body.error.fields["sli.bad"]).toMatch(/^line 1, column 12: parse error: unexpected end of input/);
    const latency = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: SERVICE,
        name: "broken-latency",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "latency", metric: "h_seconds", matchers: 'a="b" c="d"', thresholdSeconds: 1 },
      },
    });
    expect(latency.status).toBe(422);
    expect(latency.body.error.fields["sli.matchers"]).toMatch(/^line 1, column 7: parse error/);
    // A timeslice SLI names the judged SLI's fields under sli.of, and its own slice fields.
    const slices = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: SERVICE,
        name: "broken-slices",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "timeslice",
          sliceMinutes: 1,
          threshold: 0.99,
          of: { kind: "ratio", total: "x_total{a=}", bad: "x_total" },
        },
      },
    });
    expect(slices.status).toBe(422);
    expect(slices.body.error.fields["sli.of.total"]).toMatch(/^line 1, column 11: parse error/);
    const slice = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: SERVICE,
        name: "broken-slice-length",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "timeslice", sliceMinutes: 3, threshold: 1.5, of: { kind: "boolGauge", metric: "up" } },
      },
    });
    expect(slice.status).toBe(422);
    expect(slice.body.error.fields).toMatchObject({
      "sli.sliceMinutes": "must be 1 or 5 (minutes)",
      "sli.threshold": "must be at most 1 (every event of the slice good)",
    });
  });

  it("GET /api/v1/rules (all SLOs, and one service) passes promtool", async () => {
    for (const url of ["/api/v1/rules", `/api/v1/rules?service=${SERVICE}`]) {
      const res = await call(rules.GET, { token: admin, url });
      expect(res.status).toBe(200);
      const result = await promtoolCheck(dir, "all.yml", String(res.body));
      expect(result.code, `${url}\n${result.output}`).toBe(0);
      expect(result.output).toContain("SUCCESS");
    }
  });

  it("leaves out an SLO stored with invalid PromQL before it was parsed on save, saying so, and the file still passes", async () => {
    const legacy = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: SERVICE,
        name: "legacy-invalid",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        runbookUrl: runbook,
        sli: { kind: "ratio", total: "legacy_total", bad: 'legacy_total{code="5xx"}' },
      },
    });
    expect(legacy.status).toBe(201);
    const db = await getDb();
    // What an older release let through (issue 11): written directly, as no API accepts it any more.
    await db.sloVersion.updateMany({
      where: { sloId: legacy.body.id },
      data: { sli: { kind: "ratio", total: "http_requests_total{service=}", bad: "legacy_total" } },
    });
    for (const res of [
      await call(rules.GET, { token: admin, url: `/api/v1/rules?service=${SERVICE}` }),
      await call(sloRules.GET, { token: admin, params: { id: legacy.body.id } }),
    ]) {
      expect(res.status).toBe(200);
      const yaml = String(res.body);
      expect(yaml).toContain(
        `# ${SERVICE}/legacy-invalid (${legacy.body.id}): left out, its SLI is not valid PromQL (edit the SLO): sli.total: line 1, column 29: parse error`,
      );
      expect(yaml).not.toContain("service=}");
      const result = await promtoolCheck(dir, "legacy.yml", yaml);
      expect(result.code, result.output).toBe(0);
    }
    await db.slo.delete({ where: { id: legacy.body.id } });
  });

  it("refuses to sign off a pending version stored with invalid PromQL (it can still be rejected)", async () => {
    const editor = (await userWithToken("editor", ["rules-check-team"])).token;
    const approver = (await userWithToken("approver", ["rules-check-team"])).token;
    const proposed = await call(slos.POST, {
      method: "POST",
      token: editor,
      body: {
        service: SERVICE,
        name: "legacy-pending",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: "p_total", bad: 'p_total{code="5xx"}' },
      },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const id = proposed.body.id as string;
    const db = await getDb();
    await db.sloVersion.updateMany({
      where: { sloId: id },
      data: { sli: { kind: "ratio", total: "p_total", bad: "p_total{code=}" } },
    });
    const signed = await call(approve.POST, { method: "POST", token: approver, params: { id, number: "1" }, body: {} });
    expect(signed.status).toBe(422);
    expect(signed.body.error.fields["sli.bad"]).toMatch(/^line 1, column 14: parse error: unexpected "}"/);
    expect(signed.body.error.message).toMatch(/cannot be signed off.*reject it or edit the SLO/);
    const rejected = await call(reject.POST, {
      method: "POST",
      token: approver,
      params: { id, number: "1" },
      body: { comment: "invalid PromQL" },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await db.slo.delete({ where: { id } });
  });

  it("each SLO's own rule file passes promtool", async () => {
    for (const [i, id] of ids.entries()) {
      const res = await call(sloRules.GET, { token: admin, params: { id } });
      expect(res.status).toBe(200);
      const result = await promtoolCheck(dir, `slo-${i}.yml`, String(res.body));
      expect(result.code, `${DEFINITIONS[i]!.name}\n${result.output}`).toBe(0);
      expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    }
  });
});
