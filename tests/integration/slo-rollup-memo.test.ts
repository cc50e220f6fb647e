import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import { findRollupSpans, getDb, insertRollups, sumRollups } from "@/lib/db";
import { prometheusFor } from "@/lib/services/slo/prometheus-source";
import { HOUR_MS, rolledUntil, syncRollupsPartial } from "@/lib/services/slo/rollups";
import { computeStatuses } from "@/lib/services/slo/status-engine";
import { loadSloDefs, type SloDef } from "@/lib/services/slo/store";
import { call, userWithToken } from "./helpers/api";
import { useCountingDb } from "./helpers/counting-db";

// Issue 17, the worker at rest: a status refresh within one hour reads nothing of the hourly rollup table
// again (lib/services/slo/rollup-memo.ts); what this process's memory lacks is confirmed with the table
// before Prometheus is asked (another replica may have rolled it); the two queries behind it are exact.
process.env.SLO_REFRESH_SECONDS = "600";
const { statements } = useCountingDb();
const ROLLUP_READS = /^\s*SELECT[\s\S]*"SloRollup"/;

const WINDOWS = [
  { kind: "rolling", days: 30 },
  { kind: "rolling", days: 7 },
  { kind: "calendar", unit: "week", timezone: "UTC" },
];

describe("memory of the rollup table", () => {
  let defs: SloDef[] = [];

  beforeAll(async () => {
    const { token } = await userWithToken("admin");
    expect(
      (await call(teams.POST, { method: "POST", token, body: { slug: "rollmemo-team", name: "Memo" } })).status,
    ).toBe(201);
    const svc = await call(services.POST, {
      method: "POST",
      token,
      body: { slug: "rollmemo-checkout", name: "Checkout", team: "rollmemo-team" },
    });
    expect(svc.status).toBe(201);
    for (const [k, window] of WINDOWS.entries()) {
      const res = await call(slos.POST, {
        method: "POST",
        token,
        body: {
          service: "rollmemo-checkout",
          name: `availability-${k}`,
          objective: 0.99,
          window,
          sli: {
            kind: "ratio",
            total: 'http_requests_total{service="checkout"}',
            bad: 'http_requests_total{service="checkout",code=~"5.."}',
          },
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    defs = await loadSloDefs({ teamSlug: "rollmemo-team" });
    expect(defs).toHaveLength(3);
  }, 120_000);

  it("hours another process rolled are read from the table, not asked of Prometheus again", async () => {
    const client = await prometheusFor(null);
    const nowMs = Date.now();
    const untilMs = rolledUntil(nowMs, nowMs);
    // this process rolls up to the hour before the last one …
    const first = await syncRollupsPartial(client, defs, nowMs - HOUR_MS, untilMs - HOUR_MS);
    expect(first.incomplete.size).toBe(0);
    expect(first.queries).toBeGreaterThan(0); // the backfill
    // nothing is missing now: no query (and this process remembers the spans)
    expect((await syncRollupsPartial(client, defs, nowMs - HOUR_MS, untilMs - HOUR_MS)).queries).toBe(0);
    // … another one rolls the last hour (lib/db directly: this process's memory does not hear of it)
    await insertRollups(
      defs.map((d) => ({ versionId: d.version.id, hour: new Date(untilMs - HOUR_MS), good: 7, total: 8 })),
    );
    const second = await syncRollupsPartial(client, defs, nowMs, untilMs);
    expect(second.incomplete.size).toBe(0);
    expect(second.queries).toBe(0);
    const spans = await findRollupSpans(defs.map((d) => d.version.id));
    for (const d of defs) expect(spans.get(d.version.id)?.lastMs).toBe(untilMs - HOUR_MS);
  }, 60_000);

  it("a second computation in the same hour reads no rolled hours and gives the same statuses", async () => {
    const client = await prometheusFor(null);
    const nowMs = Date.now();
    const before = await computeStatuses(client, defs, nowMs, nowMs);
    const reads = statements(ROLLUP_READS);
    const again = await computeStatuses(client, defs, nowMs, nowMs);
    expect(statements(ROLLUP_READS) - reads).toBe(0);
    expect(again.statuses).toEqual(before.statuses);
    // and they are what the table holds: the window's events are the sum of its rolled hours, head and tail
    for (const d of defs) expect(again.statuses.get(d.id)!.events.total).toBeGreaterThan(0);
  }, 60_000);

  it("sums each listed range once, and spans are the first and last rolled hour", async () => {
    const db = await getDb();
    const v = defs[0]!.version.id;
    const hours = await db.$queryRaw<{ hour: Date; good: number; total: number }[]>`
      SELECT "hour", "good", "total" FROM "SloRollup" WHERE "versionId" = ${v} ORDER BY "hour"`;
    expect(hours.length).toBeGreaterThan(3);
    const fromMs = hours[2]!.hour.getTime();
    const untilMs = hours.at(-1)!.hour.getTime(); // exclusive: the last hour is left out
    const expected = hours.slice(2, -1).reduce((a, h) => ({ good: a.good + h.good, total: a.total + h.total }), {
      good: 0,
      total: 0,
    });
    const sums = await sumRollups(
      [
        { versionId: v, fromMs },
        { versionId: v, fromMs }, // listed twice: still counted once
        { versionId: "no-such-version", fromMs },
      ],
      untilMs,
    );
    expect(sums.get(`${v}|${fromMs}`)!.good).toBeCloseTo(expected.good, 6);
    expect(sums.get(`${v}|${fromMs}`)!.total).toBeCloseTo(expected.total, 6);
    expect(sums.has(`no-such-version|${fromMs}`)).toBe(false);
    const spans = await findRollupSpans([v, "no-such-version"]);
    expect(spans.get(v)).toEqual({ firstMs: hours[0]!.hour.getTime(), lastMs: hours.at(-1)!.hour.getTime() });
    expect(spans.has("no-such-version")).toBe(false);
  });
});
