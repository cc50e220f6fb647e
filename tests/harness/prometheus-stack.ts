import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultBlockCacheDir, prepareScenarioBlocks } from "./blocks";
import { forgetDirOnExit, freePort, removeDirOnExit, startProcess, waitReady, type ManagedProcess } from "./process";
import { createScenario, defaultScenarioEnd, type Scenario } from "./scenario";

// A real Prometheus (and optionally Alertmanager) on free loopback ports, serving the backfilled
// scenario of scenario.ts. Binaries default to Debian's paths; override with PROMETHEUS_BIN,
// PROMTOOL_BIN and ALERTMANAGER_BIN.

export type PrometheusStackOptions = {
  /** Directory for config, data and logs; default a fresh temp dir that stop() deletes. */
  workDir?: string;
  withAlertmanager?: boolean;
  /** Where Alertmanager POSTs notifications (webhook receiver); without it notifications go nowhere. */
  webhookUrl?: string;
  /** Rule files (recording/alerting) Prometheus loads; relative paths resolve against the cwd. */
  ruleFiles?: string[];
  /** Rule evaluation interval in seconds (default 1: alerts in tests should fire fast). */
  evaluationIntervalSeconds?: number;
  /** Scenario end in epoch seconds (hour-aligned, ≤ now); default defaultScenarioEnd(Date.now()). */
  endSec?: number;
  /** Cache of generated blocks shared across runs; false disables it. */
  blockCacheDir?: string | false;
};

export type PrometheusStack = {
  prometheusUrl: string;
  alertmanagerUrl?: string;
  /** Scenario first and last sample times, epoch seconds. Serializable, so `provide()` can pass them. */
  start: number;
  end: number;
  /** The scenario, for expected values (rebuild elsewhere with createScenario(end)). */
  scenario: Scenario;
  workDir: string;
  /** Stops everything and removes the work dir if the harness created it. */
  stop(): Promise<void>;
  /** Simulates an outage: Prometheus stops, its port stays reserved for startPrometheus(). */
  stopPrometheus(): Promise<void>;
  /** Restarts Prometheus on the same port and data (after stopPrometheus). */
  startPrometheus(): Promise<void>;
  /** Freezes (SIGSTOP: connections accepted, nothing answered, like a hung server) or thaws (SIGCONT) Prometheus. */
  freezePrometheus(frozen: boolean): void;
  /** POST /-/reload (after rewriting rule files). */
  reloadPrometheus(): Promise<void>;
};

const prometheusBin = () => process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
const alertmanagerBin = () => process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

// JSON is valid YAML, so configs need no YAML writer.
const writeConfig = (file: string, config: unknown) => fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);

const alertmanagerConfig = (webhookUrl?: string) => ({
  route: {
    receiver: "default",
    group_by: ["alertname", "service"],
    group_wait: "1s",
    group_interval: "1s",
    repeat_interval: "1h",
  },
  receivers: [
    webhookUrl
      ? { name: "default", webhook_configs: [{ url: webhookUrl, send_resolved: true, max_alerts: 0 }] }
      : { name: "default" },
  ],
});

/**
 * Backfills the scenario and starts Prometheus (after Alertmanager, when requested: Prometheus drops
 * notifications until its Alertmanager is reachable). Typical start-up: ~5 s on a cold block cache,
 * well under a second warm.
 */
export const startPrometheusStack = async (options: PrometheusStackOptions = {}): Promise<PrometheusStack> => {
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "srecp-prom-"));
  fs.mkdirSync(workDir, { recursive: true });
  if (ownsWorkDir) removeDirOnExit(workDir);
  const scenario = createScenario(options.endSec ?? defaultScenarioEnd(Date.now()));
  const processes: ManagedProcess[] = [];
  const stopAll = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };

  try {
    await prepareScenarioBlocks(
      scenario,
      path.join(workDir, "data"),
      workDir,
      options.blockCacheDir ?? defaultBlockCacheDir(),
    );

    let alertmanagerUrl: string | undefined;
    let alertmanagerTarget: string | undefined;
    if (options.withAlertmanager) {
      const port = await freePort();
      alertmanagerTarget = `127.0.0.1:${port}`;
      alertmanagerUrl = `http://${alertmanagerTarget}`;
      writeConfig(path.join(workDir, "alertmanager.yml"), alertmanagerConfig(options.webhookUrl));
      const am = startProcess(
        alertmanagerBin(),
        [
          `--config.file=${path.join(workDir, "alertmanager.yml")}`,
          `--storage.path=${path.join(workDir, "alertmanager-data")}`,
          `--web.listen-address=${alertmanagerTarget}`,
          `--web.external-url=${alertmanagerUrl}/`,
          "--cluster.listen-address=", // no HA gossip (would bind 0.0.0.0:9094)
        ],
        path.join(workDir, "alertmanager.log"),
      );
      processes.push(am);
      await waitReady(`${alertmanagerUrl}/-/ready`, am);
    }

    const port = await freePort();
    const prometheusUrl = `http://127.0.0.1:${port}`;
    const evaluationSeconds = options.evaluationIntervalSeconds ?? 1;
    writeConfig(path.join(workDir, "prometheus.yml"), {
      global: { scrape_interval: "15s", evaluation_interval: `${evaluationSeconds}s` },
      rule_files: (options.ruleFiles ?? []).map((file) => path.resolve(file)),
      ...(alertmanagerTarget
        ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [alertmanagerTarget] }] }] } }
        : {}),
    });
    const prometheusArgs = [
      `--config.file=${path.join(workDir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(workDir, "data")}`,
      "--storage.tsdb.retention.time=90d", // the 15 d default would delete half of the history
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${prometheusUrl}/`,
      "--web.enable-lifecycle",
      "--web.enable-remote-write-receiver",
      "--rules.alert.resend-delay=2s", // default 1m delays the first notification after start-up
    ];
    let prometheus: ManagedProcess | undefined;
    const startPrometheus = async () => {
      if (prometheus && !prometheus.exited()) return;
      const started = startProcess(prometheusBin(), prometheusArgs, path.join(workDir, "prometheus.log"));
      prometheus = started;
      processes.push(started);
      await waitReady(`${prometheusUrl}/-/ready`, started);
    };
    const stopPrometheus = async () => {
      await prometheus?.stop();
    };
    await startPrometheus();

    return {
      prometheusUrl,
      ...(alertmanagerUrl ? { alertmanagerUrl } : {}),
      start: scenario.start,
      end: scenario.end,
      scenario,
      workDir,
      startPrometheus,
      stopPrometheus,
      freezePrometheus: (frozen: boolean) => void prometheus?.child.kill(frozen ? "SIGSTOP" : "SIGCONT"),
      reloadPrometheus: async () => {
        const response = await fetch(`${prometheusUrl}/-/reload`, { method: "POST" });
        if (!response.ok) throw new Error(`reload failed: HTTP ${response.status} ${await response.text()}`);
      },
      stop: async () => {
        await stopAll();
        if (!ownsWorkDir) return;
        fs.rmSync(workDir, { recursive: true, force: true });
        forgetDirOnExit(workDir);
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
