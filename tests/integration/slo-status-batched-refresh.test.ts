import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import { getDb } from "@/lib/db";
import { refreshStoredStatuses } from "@/lib/services/slo/rollup-job";
import { forEachSloBatch } from "@/lib/services/slo/slo-batches";
import { prometheusFor } from "@/lib/services/slo/prometheus-source";
import { computeStatuses } from "@/lib/services/slo/status-engine";
import { readStatuses } from "@/lib/services/slo/status-store";
import { loadSloDefs, type SloDef } from "@/lib/services/slo/store";
import { call, userWithToken } from "./helpers/api";

// Issue 17, memory: the status refresh walks the SLOs in bounded batches (a few hundred in production,
// SRECP_REFRESH_BATCH_SLOS) instead of holding every definition, Prometheus answer and status at once.
// Here 12 SLOs in 3 services, batches of 5 (a service stays whole) and of 3 (a service of 4 is split):
// the stored statuses are exactly the ones one computation over all 12 gives.
// A long refresh interval: nothing but the calls made here computes these SLOs.
process.env.SLO_REFRESH_SECONDS = "600";

const SERVICES = { "bt-checkout": "checkout", "bt-search": "search", "bt-payments": "payments" } as const;
const WINDOWS = [
  { kind: "rolling", days: 30 },
  { kind: "rolling", days: 7 },
  { kind: "calendar", unit: "week", timezone: "UTC" },
  { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
];
const OBJECTIVES = [0.999, 0.99, 0.995, 0.9];

describe("batched status refresh", () => {
  const ids: string[] = [];
  const serviceOf = new Map<string, string>();
  const mine = async (): Promise<SloDef[]> => loadSloDefs({ teamSlug: "bt-team" });

  beforeAll(async () => {
    const { token } = await userWithToken("admin");
    expect((await call(teams.POST, { method: "POST", token, body: { slug: "bt-team", name: "Batches" } })).status).toBe(
      201,
    );
    for (const [slug, scenario] of Object.entries(SERVICES)) {
      const svc = await call(services.POST, { method: "POST", token, body: { slug, name: slug, team: "bt-team" } });
      expect(svc.status).toBe(201);
      for (let k = 0; k < 4; k++) {
        const res = await call(slos.POST, {
          method: "POST",
          token,
          body: {
            service: slug,
            name: `availability-${k}`,
            objective: OBJECTIVES[k],
            window: WINDOWS[k],
            sli: {
              kind: "ratio",
              total: `http_requests_total{service="${scenario}"}`,
              bad: `http_requests_total{service="${scenario}",code=~"5.."}`,
            },
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids.push(res.body.id);
        serviceOf.set(res.body.id, slug);
      }
    }
  }, 120_000);

  it("visits every SLO once, in batches of at most the batch size that end at service boundaries", async () => {
    for (const size of [5, 3]) {
      const batches: string[][] = [];
      await forEachSloBatch(async (_source, defs) => {
        batches.push(defs.map((d) => d.id));
      }, size);
      expect(batches.every((b) => b.length <= size)).toBe(true);
      const seen = batches.flat();
      expect(new Set(seen).size).toBe(seen.length); // no SLO twice
      expect(ids.every((id) => seen.includes(id))).toBe(true);
      const mineIn = batches.map((b) => b.filter((id) => serviceOf.has(id))).filter((b) => b.length);
      if (size === 5) {
        // each of the three services (4 SLOs) whole in one batch, alone: the trailing service waits for the next
        expect(mineIn.map((b) => b.length)).toEqual([4, 4, 4]);
        for (const b of mineIn) expect(new Set(b.map((id) => serviceOf.get(id))).size).toBe(1);
      } else {
        // a service larger than the batch is split, never mixed with the next service's SLOs
        expect(mineIn.map((b) => b.length)).toEqual([3, 1, 3, 1, 3, 1]);
        for (const b of mineIn) expect(new Set(b.map((id) => serviceOf.get(id))).size).toBe(1);
      }
    }
  });

  it("stores exactly the statuses one unbatched computation of all of them gives", async () => {
    const nowMs = Date.now();
    const defs = await mine();
    expect(defs).toHaveLength(12);
    // the unbatched computation (as the refresh did before: every SLO in one call); it also backfills the rollups
    const all = await computeStatuses(await prometheusFor(null), defs, nowMs, nowMs);
    expect(all.statuses.size).toBe(12);
    const result = await refreshStoredStatuses(nowMs, 5);
    expect(result.slos).toBeGreaterThanOrEqual(12);
    const rows = await readStatuses(ids);
    for (const id of ids) {
      const row = rows.get(id);
      expect(row, id).toBeDefined();
      expect(row!.computedAtMs).toBe(nowMs);
      expect(row!.body).toEqual(JSON.parse(JSON.stringify(all.statuses.get(id))));
      expect(row!.body.noData).toBe(false); // real figures, not an empty status
    }
    // batches of 3 (services split): the same figures again, over rows marked so a skipped SLO would show
    const db = await getDb();
    await db.$executeRaw`UPDATE "SloStatusRow" SET "body" = "body" || '{"sliValue": 0.4242}'::jsonb WHERE "sloId" = ANY(${ids}::text[])`;
    await refreshStoredStatuses(nowMs, 3);
    const again = await readStatuses(ids);
    for (const id of ids) expect(again.get(id)!.body).toEqual(JSON.parse(JSON.stringify(all.statuses.get(id))));
  }, 120_000);
});
