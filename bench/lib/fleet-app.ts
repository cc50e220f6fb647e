// The synthetic fleet behind a built app (the .mjs benches, through tsx): data, Prometheus and a fresh database,
// then the fleet's team, services and SLOs seeded through lib/services once the caller has pointed
// DATABASE_URL and PROMETHEUS_URL at them (lib/ reads the environment when first used, not on import).
import path from "node:path";
import { createService } from "../../lib/services/catalog";
import { createSlo } from "../../lib/services/slo/save-slo";
import { SYSTEM_ACTOR } from "../../lib/services/system-actor";
import { createTeam } from "../../lib/services/teams";
import { type CreateSloInput, createSloSchema } from "../../lib/validation/slo";
import { createTestDatabase } from "../../tests/harness/postgres";
import { buildFleetBlocks, fleetService } from "./fleet-data";
import { startFleetPrometheus } from "./fleet-stack";

type Log = (...a: unknown[]) => void;

/** Backfills `services` × `days` of fleet data ending two minutes before this minute into `work`/data. */
async function backfillFleet(work: string, services: number, days: number, log: Log) {
  const endSec = Math.floor(Date.now() / 1000 / 60) * 60 - 120;
  const t0 = performance.now();
  await buildFleetBlocks({
    services,
    days,
    endSec,
    dataDir: path.join(work, "data"),
    scratchDir: path.join(work, "scratch"),
  });
  log(`backfilled ${services} services × ${days} d in ${Math.round(performance.now() - t0)} ms`);
}

/**
 * What a bench of the built app runs against: `services` × `days` of fleet data, a Prometheus over them and a
 * fresh PostgreSQL database `dbName`. `appEnv` is the environment a `next start` on them needs.
 */
export async function startFleetStack(opts: {
  work: string;
  services: number;
  days: number;
  dbName: string;
  refreshSeconds: number;
  log: Log;
}) {
  await backfillFleet(opts.work, opts.services, opts.days, opts.log);
  const { prom, url: promUrl } = await startFleetPrometheus(opts.work);
  const db = await createTestDatabase(opts.dbName);
  const appEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    PROMETHEUS_URL: promUrl,
    NEXTAUTH_SECRET: "bench-secret",
    LOG_LEVEL: "warn",
    SLO_REFRESH_SECONDS: String(opts.refreshSeconds),
  };
  return { prom, promUrl, db, appEnv };
}

const OBJECTIVES = [0.999, 0.995, 0.99, 0.9995, 0.9];
const WINDOWS: CreateSloInput["window"][] = [
  { kind: "rolling", days: 30 },
  { kind: "rolling", days: 28 },
  { kind: "rolling", days: 7 },
  { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
  { kind: "calendar", unit: "week", timezone: "UTC" },
];

/**
 * Creates the team "bench" and returns a seeder of its fleet through lib/services in this process (as the
 * API would: PromQL validated by Prometheus, audited): service i holds `perService` SLOs with varied
 * objectives and windows.
 */
export async function fleetSeeder(perService: number) {
  await createTeam(SYSTEM_ACTOR, { slug: "bench", name: "Bench", timezone: "UTC", description: "" });
  let made = 0;
  let first: string | null = null;
  return {
    /** The first SLO seeded. */
    firstId: () => first,
    /** Adds SLOs (and their services) until there are `n`. */
    seedUpTo: async (n: number) => {
      while (made < n) {
        const i = Math.floor(made / perService);
        const k = made % perService;
        const s = fleetService(i);
        if (k === 0)
          await createService(SYSTEM_ACTOR, {
            slug: s.slug,
            name: `Service ${i}`,
            team: "bench",
            tier: (i % 4) + 1,
            description: "",
            runbookUrl: null,
            repoUrl: null,
            dashboardUrl: null,
          });
        // parsed as the API parses a request body, so the schema's defaults (display name, alert settings) apply
        const slo = await createSlo(
          SYSTEM_ACTOR,
          createSloSchema.parse({
            service: s.slug,
            name: `availability-${k}`,
            description: "",
            objective: OBJECTIVES[k % OBJECTIVES.length]!,
            window: WINDOWS[(i + k) % WINDOWS.length]!,
            sli: {
              kind: "ratio",
              total: `http_requests_total{service="${s.slug}"}`,
              bad: `http_requests_total{service="${s.slug}",code="500"}`,
            },
            runbookUrl: "https://runbooks.example.com/bench",
            alerting: true,
            labels: {},
          }),
        );
        first ??= slo.id;
        made += 1;
      }
    },
  };
}
