import fs from "node:fs";
import path from "node:path";
import { runToCompletion } from "../../tests/harness/process";

/**
 * Synthetic fleet for benchmarks: N services, http_requests_total{service,code="200"|"500"} sampled
 * every 60 s for `days` days ending at `endSec`. Service i serves 1 + (i mod 50) req/s with an error
 * ratio of (i mod 10 + 1) × 0.0001. Written window by window (162 h, Prometheus's own compaction
 * range at 90 d retention) so the text file stays a few GB and promtool never re-reads it.
 */
export const fleetService = (i: number) => ({
  slug: `svc-${String(i).padStart(4, "0")}`,
  rps: 1 + (i % 50),
  errorRatio: ((i % 10) + 1) * 0.0001,
});

const WINDOW_SEC = 162 * 3600;

export async function buildFleetBlocks(opts: {
  services: number;
  days: number;
  endSec: number;
  dataDir: string;
  scratchDir: string;
}) {
  const startSec = opts.endSec - opts.days * 86_400;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.mkdirSync(opts.scratchDir, { recursive: true });
  const first = Math.floor(startSec / WINDOW_SEC) * WINDOW_SEC;
  for (let w = first; w <= opts.endSec; w += WINDOW_SEC) {
    const from = Math.max(startSec, w);
    const to = Math.min(opts.endSec, w + WINDOW_SEC - 60);
    if (to < from) continue;
    const file = path.join(opts.scratchDir, `fleet-${w}.om`);
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, "# TYPE http_requests counter\n");
    for (let i = 0; i < opts.services; i++) {
      const s = fleetService(i);
      for (const code of ["200", "500"]) {
        const share = code === "500" ? s.errorRatio : 1 - s.errorRatio;
        const prefix = `http_requests_total{service="${s.slug}",code="${code}"} `;
        const lines: string[] = [];
        for (let t = from; t <= to; t += 60)
          lines.push(`${prefix}${(s.rps * share * (t - startSec)).toFixed(3)} ${t}\n`);
        fs.writeSync(fd, lines.join(""));
      }
    }
    fs.writeSync(fd, "# EOF\n");
    fs.closeSync(fd);
    await runToCompletion("/usr/bin/promtool", [
      "tsdb",
      "create-blocks-from",
      "openmetrics",
      "--max-block-duration=162h",
      file,
      opts.dataDir,
    ]);
    fs.rmSync(file, { force: true });
  }
}
