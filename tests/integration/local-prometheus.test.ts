import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  MISSING_PROMETHEUS_HINT,
  localPrometheusPaths,
  readLocalPrometheusState,
  startLocalPrometheus,
} from "../../scripts/lib/local-prometheus.mjs";

// The quick start's own Prometheus (scripts/app.mjs, issue 14): a real Debian binary under DATA_DIR,
// which keeps its data across a stop and a start.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-localprom-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

type Vector = { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
const instantQuery = async (url: string, query: string, timeSec?: number): Promise<Vector> => {
  const params = new URLSearchParams({ query, ...(timeSec ? { time: timeSec.toFixed(3) } : {}) });
  const response = await fetch(`${url}/api/v1/query?${params}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Vector;
};

describe("local Prometheus of the quick start", () => {
  test("starts under DATA_DIR, scrapes itself, stops, and comes back on the same port with its data", async () => {
    const first = await startLocalPrometheus({ dataDir, log: () => {}, scrapeIntervalSeconds: 1 });
    expect(first).not.toBeNull();
    const url = first!.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readLocalPrometheusState(dataDir)).toMatchObject({ url, pid: first!.pid });
    // A few self-scrapes land in the TSDB.
    await expect
      .poll(async () => (await instantQuery(url, 'up{job="prometheus"}')).data.result.length, { timeout: 15_000 })
      .toBe(1);
    // The time of a scraped sample (at or after it the sample is visible; staleness markers come at stop).
    const scrapedAt = Number((await instantQuery(url, 'timestamp(up{job="prometheus"})')).data.result[0]?.value[1]);
    expect(scrapedAt).toBeGreaterThan(0);
    await first!.stop();
    expect(first!.exited()).toBe(true);
    expect(readLocalPrometheusState(dataDir)).toBeNull();
    expect(
      await fetch(`${url}/-/ready`).then(
        () => "up",
        () => "down",
      ),
    ).toBe("down");

    const second = await startLocalPrometheus({ dataDir, log: () => {} });
    try {
      expect(second!.url).toBe(url); // the previous port was free again
      // The sample scraped before the restart is still there (WAL replayed from DATA_DIR/prometheus/data).
      const before = await instantQuery(url, 'up{job="prometheus"}', scrapedAt);
      expect(before.data.result.map((r) => r.value[1])).toEqual(["1"]);
      expect(fs.readdirSync(localPrometheusPaths(dataDir).data)).toContain("wal");
    } finally {
      await second!.stop();
    }
  }, 60_000);

  test("without the binary it says in one line how to get it and starts nothing", async () => {
    const lines: string[] = [];
    const saved = process.env.PROMETHEUS_BIN;
    process.env.PROMETHEUS_BIN = path.join(dataDir, "no-such-prometheus");
    try {
      expect(await startLocalPrometheus({ dataDir, log: (line) => lines.push(line) })).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.PROMETHEUS_BIN;
      else process.env.PROMETHEUS_BIN = saved;
    }
    expect(lines).toEqual([MISSING_PROMETHEUS_HINT]);
    expect(MISSING_PROMETHEUS_HINT).toContain("apt-get install prometheus");
    expect(MISSING_PROMETHEUS_HINT).not.toContain("\n");
  });
});
