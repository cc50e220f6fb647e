import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  candidateTiers,
  currentTiers,
  generateRuleGroups,
  replayAlerts,
  rulesToYaml,
  SLO_ALERT_NAME,
  type AlertTier,
  type FiringInterval,
  type SloRuleInput,
} from "@/lib/slo";
import { randomPhases, seriesOf } from "@/tests/fixtures/backtest-series";

// Issue 16 item 4 acceptance: the backtester's fire/resolve instants equal Prometheus' own. We generate
// traffic, replay it with replayAlerts, and hand promtool the generated rule file (lib/slo/rules.ts) with
// the same traffic as per-minute counters and OUR alerts as exp_alerts at sampled instants — every
// fire and resolve instant, the minute before each, and every 20 minutes. promtool then confirms or fails.
// Annotations are dropped from the rule file (their text renders $value); expr, for and labels are as served.
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";
const MIN = 60_000;

const SLO: SloRuleInput = {
  id: "backtest",
  name: "Backtest availability",
  service: "bt",
  objective: 0.999,
  window: { kind: "rolling", days: 30 },
  sli: {
    kind: "ratio",
    total: 'http_requests_total{service="bt"}',
    bad: 'http_requests_total{service="bt",code="500"}',
  },
  runbookUrl: "https://runbooks.example.com/bt",
  alerting: true,
};
const WINDOW_SECONDS = 30 * 86_400;

async function promtool(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { cwd, timeout: 240_000, maxBuffer: 64 << 20 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const ruleFile = (tiers: readonly AlertTier[]): string => {
  const file = generateRuleGroups([{ ...SLO, tiers }]);
  for (const group of file.groups) for (const rule of group.rules) if ("alert" in rule) rule.annotations = {};
  return rulesToYaml(file);
};

const labelsOf = (tier: AlertTier) => ({
  alertname: SLO_ALERT_NAME,
  severity: tier.severity,
  tier: tier.name,
  long_window: tier.longWindow,
  short_window: tier.shortWindow,
  slo_id: SLO.id,
  service: SLO.service,
  slo: SLO.name,
});

/** Eval instants (minutes): every fire and resolve, the minute before, and a regular sample. */
function sampleMinutes(intervals: readonly FiringInterval[], lastMinute: number): number[] {
  const at = new Set<number>();
  for (let m = 0; m <= lastMinute; m += 20) at.add(m);
  for (const i of intervals) {
    for (const ms of [i.firedAtMs, i.resolvedAtMs]) if (ms !== null) [ms / MIN - 1, ms / MIN].forEach((m) => at.add(m));
  }
  return [...at].filter((m) => m >= 0 && m <= lastMinute).sort((a, b) => a - b);
}

function testFile(tiers: readonly AlertTier[], seed: number, buckets: number, shiftFirstFire = 0) {
  const { series, goodCounter, badCounter } = seriesOf(randomPhases(seed, buckets));
  const intervals = replayAlerts({ series, tiers, budget: 0.001, evalIntervalMs: MIN });
  const lastMinute = goodCounter.length - 1;
  const byTier = new Map(tiers.map((t) => [t.name, t]));
  // The negative control claims the first alert fires `shiftFirstFire` minutes earlier than computed.
  const claimed = intervals.map((i, n) => (n === 0 ? { ...i, firedAtMs: i.firedAtMs - shiftFirstFire * MIN } : i));
  const alert_rule_test = sampleMinutes(claimed, lastMinute).map((m) => ({
    eval_time: `${m}m`,
    alertname: SLO_ALERT_NAME,
    exp_alerts: claimed
      .filter((i) => i.firedAtMs <= m * MIN && (i.resolvedAtMs === null || m * MIN < i.resolvedAtMs))
      .map((i) => ({ exp_labels: labelsOf(byTier.get(i.tier)!) })),
  }));
  const input_series = [
    { series: 'http_requests_total{service="bt",code="200"}', values: goodCounter.join(" ") },
    { series: 'http_requests_total{service="bt",code="500"}', values: badCounter.join(" ") },
  ];
  const yaml = stringify(
    {
      rule_files: ["rules.yml"],
      evaluation_interval: "1m",
      tests: [{ interval: "1m", input_series, alert_rule_test }],
    },
    { lineWidth: 0 },
  );
  return { yaml, intervals, checks: alert_rule_test.length };
}

describe("alert backtester against promtool test rules", () => {
  let dir = "";
  beforeAll(async () => {
    if (!existsSync(PROMTOOL)) throw new Error(`promtool not found at ${PROMTOOL} (apt-get install prometheus)`);
    dir = await mkdtemp(path.join(tmpdir(), "backtest-promtool-"));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const confirm = async (name: string, tiers: readonly AlertTier[], seed: number, buckets: number) => {
    await writeFile(path.join(dir, "rules.yml"), ruleFile(tiers));
    const { yaml, intervals, checks } = testFile(tiers, seed, buckets);
    await writeFile(path.join(dir, `${name}.test.yml`), yaml);
    const result = await promtool(["test", "rules", `${name}.test.yml`], dir);
    expect(result.output.slice(0, 4000)).toContain("SUCCESS");
    expect(result.code).toBe(0);
    return { intervals, checks };
  };

  it("served tiers (Workbook 14.4/6/3/1, for 2m/15m/1h/3h) over 2 days: every page and ticket instant equals promtool's", async () => {
    const tiers = currentTiers(WINDOW_SECONDS);
    const { intervals, checks } = await confirm("current", tiers, 16_004, 576);
    // Not vacuous: both severities fire and resolve, and most tiers take part.
    expect(new Set(intervals.map((i) => i.tier)).size).toBeGreaterThanOrEqual(3);
    expect(intervals.some((i) => i.severity === "page" && i.resolvedAtMs !== null)).toBe(true);
    expect(intervals.some((i) => i.severity === "ticket")).toBe(true);
    expect(checks).toBeGreaterThan(150);
  }, 300_000);

  it("candidate tiers (other factors, windows, for 0s / 7m) over 1.5 days: equal to promtool's", async () => {
    const tiers = candidateTiers(WINDOW_SECONDS, {
      "page-fast": { factor: 10, longWindow: "30m", shortWindow: "5m", for: "0s" },
      "page-slow": { factor: 4, longWindow: "3h", shortWindow: "15m", for: "7m" },
      "ticket-fast": { factor: 2, longWindow: "12h", shortWindow: "1h", for: "30m" },
      "ticket-slow": { enabled: false },
    });
    expect(tiers.map((t) => t.name)).toEqual(["page-fast", "page-slow", "ticket-fast"]);
    const { intervals } = await confirm("candidate", tiers, 7, 432);
    expect(new Set(intervals.map((i) => i.tier)).size).toBe(3);
    expect(intervals.length).toBeGreaterThan(5);
  }, 300_000);

  it("negative control: promtool refuses a page claimed one minute before we computed it", async () => {
    const tiers = currentTiers(WINDOW_SECONDS);
    await writeFile(path.join(dir, "rules.yml"), ruleFile(tiers));
    const { yaml } = testFile(tiers, 16_004, 576, 1);
    await writeFile(path.join(dir, "shifted.test.yml"), yaml);
    const result = await promtool(["test", "rules", "shifted.test.yml"], dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/FAILED/);
  }, 300_000);
});
