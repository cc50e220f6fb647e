import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, removeDirOnExit, startProcess, waitReady } from "./process";
import type { Scenario, ScenarioServiceName } from "./scenario";
import { SAMPLE_INTERVAL_SECONDS } from "./scenario";

// A real VictoriaMetrics (Debian package victoria-metrics) on a free loopback port, loaded with the same
// closed-form scenario as the test Prometheus (issue 18: a second metrics engine, proven). Only the
// request counters of the chosen services are imported, from `fromSec` to the scenario's end, through
// VictoriaMetrics' Prometheus text import with millisecond timestamps.
export const victoriaBin = () => process.env.VICTORIA_METRICS_BIN ?? "/usr/bin/victoria-metrics";
export const vmalertBin = () => process.env.VMALERT_BIN ?? "/usr/bin/vmalert";

export type Victoria = { url: string; stop: () => Promise<void> };

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",");

export async function startVictoriaMetrics(
  scenario: Scenario,
  services: ScenarioServiceName[],
  fromSec: number,
): Promise<Victoria> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-vm-"));
  removeDirOnExit(dir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess(
    victoriaBin(),
    [
      `-storageDataPath=${path.join(dir, "data")}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      "-retentionPeriod=100y",
      "-search.disableCache",
      "-search.latencyOffset=0s",
      "-loggerLevel=WARN",
    ],
    path.join(dir, "victoria.log"),
  );
  await waitReady(`${url}/health`, proc);

  const series = scenario.series.filter(
    (s) => s.name === "http_requests_total" && services.includes(s.labels.service as ScenarioServiceName),
  );
  const start = Math.max(scenario.start, fromSec - (fromSec % SAMPLE_INTERVAL_SECONDS));
  let lines: string[] = [];
  const flush = async () => {
    if (!lines.length) return;
    const res = await fetch(`${url}/api/v1/import/prometheus`, { method: "POST", body: `${lines.join("\n")}\n` });
    if (!res.ok) throw new Error(`VictoriaMetrics import: HTTP ${res.status} ${await res.text()}`);
    lines = [];
  };
  for (const s of series) {
    const head = `${s.name}{${labelText(s.labels)}}`;
    for (let t = start; t <= scenario.end; t += SAMPLE_INTERVAL_SECONDS) {
      lines.push(`${head} ${s.valueAt(t)} ${t * 1000}`);
      if (lines.length >= 50_000) await flush();
    }
  }
  await flush();
  // Make the imported samples searchable now rather than after the next background flush.
  await fetch(`${url}/internal/force_flush`);
  return { url, stop: () => proc.stop() };
}
