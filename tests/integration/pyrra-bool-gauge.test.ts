import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { createPrometheusClient } from "@/lib/prometheus";
import { sliErrorRatioQuery, sliIncreaseQueries, type Sli } from "@/lib/slo";
import { loadFiles } from "@/lib/slo-as-code";
import { remoteWrite } from "../harness/remote-write";
import { call, userWithToken } from "./helpers/api";

// Pyrra's bool_gauge SLO (tests/fixtures/pyrra/valid/probe-success.yaml, Pyrra's own example) imported and
// run against the harness' real Prometheus on probe samples this test writes (remote write): two probes,
// 40 samples each 15 s apart, 3 and 1 of them 0 → 76 good of 80 samples, error ratio 4/80 = 0.05.
const prom = createPrometheusClient({ url: inject("PROMETHEUS_URL") });
const job = `pyrra-probe-${Date.now()}`;
const STEP_MS = 15_000;
const SAMPLES = 40;
// The last sample a minute ago on a whole second (the head takes recent samples; `at` may not be in the future).
const lastMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const failedAt = { a: new Set([5, 6, 25]), b: new Set([12]) };

function importedSli(): Sli {
  const text = fs.readFileSync(path.join("tests/fixtures/pyrra/valid/probe-success.yaml"), "utf8");
  // Scope Pyrra's `probe_success` to this test's probes (the database and Prometheus are shared by the run).
  const scoped = text.replace("metric: probe_success", `metric: probe_success{job="${job}"}`);
  const loaded = loadFiles([{ path: "probe-success.yaml", text: scoped }]);
  expect(loaded.issues).toEqual([]);
  return loaded.desired.slos[0]!.sli;
}

describe("Pyrra bool_gauge import against a real Prometheus", () => {
  let sli: Sli;
  beforeAll(async () => {
    sli = importedSli();
    await remoteWrite(
      inject("PROMETHEUS_URL"),
      (["a", "b"] as const).map((instance) => ({
        labels: { __name__: "probe_success", job, instance },
        samples: Array.from({ length: SAMPLES }, (_, i) => ({
          timestampMs: lastMs - (SAMPLES - 1 - i) * STEP_MS,
          value: failedAt[instance].has(i) ? 0 : 1,
        })),
      })),
    );
  });

  it("counts good samples (the 1s) over all samples with the imported SLI's queries", async () => {
    expect(sli).toEqual({ kind: "boolGauge", metric: `probe_success{job="${job}"}` });
    const at = lastMs / 1000 + 30;
    const q = sliIncreaseQueries(sli, "15m");
    const [good] = await prom.instantVector(q.good, at);
    const [total] = await prom.instantVector(q.total, at);
    expect([good?.value, total?.value]).toEqual([76, 80]);
    const [ratio] = await prom.instantVector(sliErrorRatioQuery(sli, "15m"), at);
    expect(ratio?.value).toBeCloseTo(4 / 80, 12);
    // A range that holds only the last 10 samples of each probe (none of them 0): ratio 0, not "no data".
    const [recent] = await prom.instantVector(sliErrorRatioQuery(sli, "150s"), lastMs / 1000);
    expect(recent?.value).toBe(0);
    // The ranges are one millisecond short: two adjacent 5-minute ranges count the sample on their border once.
    const border = lastMs / 1000 - 20 * 15; // sample 19 sits exactly on the border
    const [before] = await prom.instantVector(sliIncreaseQueries(sli, "5m").total, border);
    const [after] = await prom.instantVector(sliIncreaseQueries(sli, "5m").total, border + 300);
    // (t − 5m, t]: samples 0–19 before, 20–39 after; both ends inclusive would count sample 19 twice (81).
    expect([before?.value, after?.value]).toEqual([40, 40]);
  });

  it("gives the same SLI and budget through the SLO status API", async () => {
    const { token } = await userWithToken("admin");
    const team = `probes-${Date.now()}`;
    expect((await call(teams.POST, { method: "POST", token, body: { slug: team, name: team } })).status).toBe(201);
    expect(
      (await call(services.POST, { method: "POST", token, body: { slug: `${team}-svc`, name: "Probes", team } }))
        .status,
    ).toBe(201);
    const created = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: `${team}-svc`,
        name: "probe-success",
        objective: 0.99,
        window: { kind: "rolling", days: 7 },
        sli,
        runbookUrl: "https://runbooks.example.com/probes",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await call(status.GET, { token, url: `/x?at=${lastMs / 1000 + 30}`, params: { id: created.body.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.events).toMatchObject({ total: 80, good: 76, bad: 4 });
    expect(res.body.sliValue).toBeCloseTo(0.95, 12);
    // 4 bad of the 0.8 samples the 1 % budget allows: five times over.
    expect(res.body.errorBudget.consumed).toBeCloseTo(5, 9);
  });
});
