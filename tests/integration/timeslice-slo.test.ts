import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { createPrometheusClient } from "@/lib/prometheus";
import { sliceBudget, sliIncreaseQueries, tallySlices, type EventCounts, type TimesliceSli } from "@/lib/slo";
import { remoteWrite, type WriteSeries } from "../harness/remote-write";
import { call, userWithToken } from "./helpers/api";

// A timeslice SLO (issue 16 item 6) against the harness' real Prometheus, on counters this test writes by
// remote write: 20 one-minute slices of 100 requests each (samples every 15 s), with errors in some minutes
// and one minute without traffic. Judged by hand at 99 % per slice: 5 and 2 errors and 50 errors are bad,
// exactly 1 error (99/100) is good, the quiet minute is unmeasured → 16 good of 19 measured slices.
const prom = createPrometheusClient({ url: inject("PROMETHEUS_URL") });
const job = `timeslice-${Date.now()}`;
const MIN = 60_000;
const MINUTES = 20;
const ERRORS: Record<number, number> = { 3: 5, 7: 1, 8: 2, 15: 50 };
const QUIET = 11;
// The last sample on a whole minute, a minute ago (the head takes recent samples; `at` may not be in the future).
const endMs = Math.floor(Date.now() / MIN) * MIN - MIN;
const startMs = endMs - MINUTES * MIN;

/** What each minute holds, as the test writes it: the hand count's input. */
const minutes: EventCounts[] = Array.from({ length: MINUTES }, (_, m) =>
  m === QUIET ? { good: 0, total: 0 } : { good: 100 - (ERRORS[m] ?? 0), total: 100 },
);

/** Counter samples every 15 s: a minute's requests spread over its 4 samples, its errors on the first. */
function counters(): WriteSeries[] {
  const total: { timestampMs: number; value: number }[] = [{ timestampMs: startMs, value: 1000 }];
  const errors: { timestampMs: number; value: number }[] = [{ timestampMs: startMs, value: 10 }];
  for (let m = 0; m < MINUTES; m++) {
    for (let k = 1; k <= 4; k++) {
      const t = startMs + m * MIN + k * 15_000;
      total.push({ timestampMs: t, value: total.at(-1)!.value + minutes[m]!.total / 4 });
      errors.push({ timestampMs: t, value: errors.at(-1)!.value + (k === 1 ? (ERRORS[m] ?? 0) : 0) });
    }
  }
  return [
    { labels: { __name__: "ts_requests_total", job }, samples: total },
    { labels: { __name__: "ts_requests_total", job, code: "500" }, samples: errors },
  ];
}

const sli: TimesliceSli = {
  kind: "timeslice",
  sliceMinutes: 1,
  threshold: 0.99,
  of: {
    kind: "ratio",
    total: `ts_requests_total{job="${job}",code=""}`,
    bad: `ts_requests_total{job="${job}",code="500"}`,
  },
};
// Total: the series without a code label (all requests, errors included); bad: the error series.
const handCount = tallySlices(minutes, 0.99);

describe("timeslice SLO against a real Prometheus", () => {
  beforeAll(async () => {
    await remoteWrite(inject("PROMETHEUS_URL"), counters());
  });

  it("hand count: 16 good of 19 measured slices, 1 unmeasured", () => {
    expect(handCount).toEqual({ good: 16, bad: 3, measured: 19, unmeasured: 1 });
  });

  it("counts good and measured slices with the SLI's subqueries, each slice once over adjacent ranges", async () => {
    const at = endMs / 1000;
    const q = sliIncreaseQueries(sli, "20m");
    const [good] = await prom.instantVector(q.good, at);
    const [total] = await prom.instantVector(q.total, at);
    expect([good?.value, total?.value]).toEqual([handCount.good, handCount.measured]);
    const halves = sliIncreaseQueries(sli, "10m");
    const first = tallySlices(minutes.slice(0, 10), 0.99);
    const [g1] = await prom.instantVector(halves.good, at - 600);
    const [t1] = await prom.instantVector(halves.total, at - 600);
    const [g2] = await prom.instantVector(halves.good, at);
    const [t2] = await prom.instantVector(halves.total, at);
    expect([g1?.value, t1?.value]).toEqual([first.good, first.measured]);
    expect([g1!.value + g2!.value, t1!.value + t2!.value]).toEqual([handCount.good, handCount.measured]);
  });

  it("gives attainment and the budget in slices through the SLO status API", async () => {
    const { token } = await userWithToken("admin");
    const team = `slices-${Date.now()}`;
    expect((await call(teams.POST, { method: "POST", token, body: { slug: team, name: team } })).status).toBe(201);
    expect(
      (await call(services.POST, { method: "POST", token, body: { slug: `${team}-svc`, name: "Slices", team } }))
        .status,
    ).toBe(201);
    const created = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: `${team}-svc`,
        name: "api-minutes",
        objective: 0.9,
        window: { kind: "rolling", days: 7 },
        sli,
        runbookUrl: "https://runbooks.example.com/slices",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await call(status.GET, { token, url: `/x?at=${endMs / 1000}`, params: { id: created.body.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.events).toMatchObject({ total: 19, good: 16, bad: 3 });
    const expected = sliceBudget({ objective: 0.9, tally: handCount, windowSeconds: 7 * 86_400 });
    expect(res.body.sliValue).toBeCloseTo(16 / 19, 12);
    // 3 bad of the 1.9 slices a 10 % budget allows over 19 measured ones.
    expect(res.body.errorBudget.consumed).toBeCloseTo(expected.consumed!, 9);
    expect(res.body.errorBudget.consumed).toBeCloseTo(3 / 1.9, 9);
    // Burn rates over slices: the last 5 minutes hold minute 15 (bad) of 5, the last hour all 19 measured.
    expect(res.body.burnRates["5m"]).toBeCloseTo(1 / 5 / 0.1, 6);
    expect(res.body.burnRates["1h"]).toBeCloseTo(3 / 19 / 0.1, 6);
  });
});
