// Benchmark: final on-call timeline for one year with 3 layers and 200 overrides.
// Run: npx tsx bench/oncall-timeline.ts [runs]
import os from "node:os";
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { finalTimeline, type Override, type Schedule } from "../lib/oncall";

const ZONE = "Europe/Berlin";
const HOUR_MS = 3_600_000;
const local = (iso: string, zone = ZONE): number => DateTime.fromISO(iso, { zone }).toMillis();
const people = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const schedule: Schedule = {
  timezone: ZONE,
  layers: [
    // Primary: weekly, Monday 09:00 Berlin, 8 people.
    {
      id: "primary",
      name: "Primary",
      priority: 1,
      rotation: { unit: "week", every: 1 },
      handoffTime: "09:00",
      startMs: local("2026-01-05T00:00"),
      participants: people("p", 8),
    },
    // Follow-the-sun responders: 12-hour wall-clock turns in New York, 6 people, same priority as
    // primary (a union), so every 12-hour turn shows up in the final timeline.
    {
      id: "fts",
      name: "Follow the sun",
      priority: 1,
      timezone: "America/New_York",
      rotation: { unit: "hour", every: 12 },
      handoffTime: "08:00",
      startMs: local("2026-01-01T00:00", "America/New_York"),
      participants: people("f", 6),
    },
    // Weekend cover: Fri 17:00 → Mon 09:00, weekly, restricted.
    {
      id: "weekend",
      name: "Weekend",
      priority: 2,
      rotation: { unit: "week", every: 1 },
      handoffTime: "17:00",
      startMs: local("2026-01-02T00:00"),
      participants: people("w", 4),
      restrictions: { kind: "weekly", windows: [{ fromDay: 5, from: "17:00", toDay: 1, to: "09:00" }] },
    },
  ],
};

// Deterministic pseudo-random overrides (LCG) so runs are comparable.
let seed = 42;
const rand = (): number => {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
};
const fromMs = local("2027-01-01T00:00");
const toMs = local("2028-01-01T00:00");
const kinds = ["replace", "add", "remove"] as const;
const overrides: Override[] = Array.from({ length: 200 }, (_, i) => {
  const startMs = fromMs + Math.floor((rand() * (toMs - fromMs)) / HOUR_MS) * HOUR_MS;
  const kind = kinds[i % 3] as Override["kind"];
  const target = `p${1 + Math.floor(rand() * 8)}`;
  return {
    id: `o${i}`,
    kind,
    userId: kind === "remove" ? target : `x${i % 10}`,
    replacesUserId: kind === "replace" ? target : undefined,
    startMs,
    endMs: startMs + (1 + Math.floor(rand() * 72)) * HOUR_MS,
    createdAtMs: i,
  };
});

const runs = Number(process.argv[2] ?? 50);
const warmup = 5;
const times: number[] = [];
let segments = 0;
for (let i = 0; i < warmup + runs; i += 1) {
  const t0 = performance.now();
  segments = finalTimeline({ schedule, overrides, fromMs, toMs }).length;
  const elapsed = performance.now() - t0;
  if (i >= warmup) times.push(elapsed);
}
times.sort((a, b) => a - b);
const pick = (q: number): number => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] as number;

console.log(
  "oncall-timeline: 1 year, 3 layers (weekly + 12-hour follow-the-sun in another zone as a union, restricted weekend on top), 200 overrides",
);
console.log(
  `node ${process.version} | ${os.cpus()[0]?.model ?? "unknown CPU"} | ${os.cpus().length} cores | ${os.platform()} ${os.arch()}`,
);
console.log(`segments per run: ${segments} | runs: ${runs} (after ${warmup} warm-up)`);
console.log(
  `median ${pick(0.5).toFixed(2)} ms | p95 ${pick(0.95).toFixed(2)} ms | min ${(times[0] as number).toFixed(2)} ms | max ${(times[times.length - 1] as number).toFixed(2)} ms`,
);
