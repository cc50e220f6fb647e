import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import {
  errorRatioMetric,
  generateRuleGroups,
  GOOD_INCREASE_5M,
  rulesToYaml,
  tallySlices,
  TOTAL_INCREASE_5M,
  type EventCounts,
  type SloRuleInput,
} from "@/lib/slo";

// The generated rules of a timeslice SLO under `promtool test rules` (issue 16 item 6: "rules and burn
// rates defined on slices"): the 5 m records count measured and good slices of the trailing 5 minutes, and
// the 5 m error ratio is bad / measured slices, equal to a hand count of the same minutes at every minute.
// Traffic as in timeslice-slo.test.ts: 100 requests a minute (samples every 15 s), errors in some minutes,
// one minute without traffic; a slice is good at ≥ 99 % good requests.
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";
const MINUTES = 20;
const ERRORS: Record<number, number> = { 3: 5, 7: 1, 8: 2, 15: 50 };
const QUIET = 11;
const minutes: EventCounts[] = Array.from({ length: MINUTES }, (_, m) =>
  m === QUIET ? { good: 0, total: 0 } : { good: 100 - (ERRORS[m] ?? 0), total: 100 },
);

const SLO: SloRuleInput = {
  id: "ts",
  name: "minutes",
  service: "p",
  objective: 0.99,
  window: { kind: "rolling", days: 7 },
  alerting: false,
  sli: {
    kind: "timeslice",
    sliceMinutes: 1,
    threshold: 0.99,
    of: { kind: "ratio", total: 'ts_requests_total{code=""}', bad: 'ts_requests_total{code="500"}' },
  },
};
const labels = `{service="p",slo="minutes",slo_id="ts"}`;

/** Counter values every 15 s from t = 0: a minute's requests over its 4 samples, its errors on the first. */
function values(which: "total" | "errors"): string {
  const out = [which === "total" ? 1000 : 10];
  for (let m = 0; m < MINUTES; m++) {
    for (let k = 1; k <= 4; k++)
      out.push(out.at(-1)! + (which === "total" ? minutes[m]!.total / 4 : k === 1 ? (ERRORS[m] ?? 0) : 0));
  }
  return out.join(" ");
}

let dir = "";
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("timeslice rules under promtool test rules", () => {
  it("records measured and good slices of the last 5 minutes and their error ratio, as counted by hand", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "timeslice-rules-"));
    await writeFile(path.join(dir, "rules.yml"), rulesToYaml(generateRuleGroups([SLO])));
    // Slice m covers (m, m + 1] minutes; at minute t the 5 m records hold slices t − 5 … t − 1.
    const tests = [5, 9, 12, 16, 20].flatMap((t) => {
      const tally = tallySlices(minutes.slice(t - 5, t), 0.99);
      return [
        {
          expr: `${TOTAL_INCREASE_5M}${labels}`,
          eval_time: `${t}m`,
          exp_samples: [{ labels: `${TOTAL_INCREASE_5M}${labels}`, value: tally.measured }],
        },
        {
          expr: `${GOOD_INCREASE_5M}${labels}`,
          eval_time: `${t}m`,
          exp_samples: [{ labels: `${GOOD_INCREASE_5M}${labels}`, value: tally.good }],
        },
        {
          expr: `${errorRatioMetric("5m")}${labels}`,
          eval_time: `${t}m`,
          exp_samples: [{ labels: `${errorRatioMetric("5m")}${labels}`, value: tally.bad / tally.measured }],
        },
      ];
    });
    await writeFile(
      path.join(dir, "test.yml"),
      stringify(
        {
          rule_files: ["rules.yml"],
          evaluation_interval: "1m",
          tests: [
            {
              interval: "15s",
              input_series: [
                { series: 'ts_requests_total{code=""}', values: values("total") },
                { series: 'ts_requests_total{code="500"}', values: values("errors") },
              ],
              promql_expr_test: tests,
            },
          ],
        },
        { lineWidth: 0 },
      ),
    );
    // By hand: minutes 3, 8 and 15 are bad, 7 (99/100) is good, 11 is unmeasured; minutes 0–4, 4–8, 7–11, 11–15, 15–19.
    expect(tests.filter((t) => t.expr.startsWith(errorRatioMetric("5m"))).map((t) => t.exp_samples[0]!.value)).toEqual([
      1 / 5,
      1 / 5,
      1 / 4,
      1 / 4,
      1 / 5,
    ]);
    let result: { code: number; output: string };
    try {
      const { stdout, stderr } = await run(PROMTOOL, ["test", "rules", "test.yml"], { cwd: dir, timeout: 120_000 });
      result = { code: 0, output: `${stdout}${stderr}` };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      result = { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("SUCCESS");
  });
});
