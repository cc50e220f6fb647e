import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { forgetDirOnExit, freePort, removeDirOnExit, startProcess, waitReady } from "./process";

// A real Alertmanager alone (no Prometheus): alerts are POSTed to its /api/v2/alerts and it notifies one
// webhook receiver, optionally with a bearer token (http_config.authorization), on fast timers so tests
// see the first notification about a second after posting. Binary: Debian's /usr/bin/prometheus-alertmanager
// (override with ALERTMANAGER_BIN). HA gossip is disabled (--cluster.listen-address=).

export type AlertmanagerOptions = {
  webhookUrl: string;
  bearerToken?: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  /** How often an unchanged firing group is sent again (Alertmanager's redelivery). */
  repeatInterval?: string;
};

/** An alert as Alertmanager's API v2 accepts it. */
export type PostableAlert = {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
};

export type AlertmanagerHandle = {
  url: string;
  workDir: string;
  /** POST /api/v2/alerts; throws with Alertmanager's answer on a non-2xx. */
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  stop(): Promise<void>;
};

const bin = () => process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

export async function startAlertmanager(options: AlertmanagerOptions): Promise<AlertmanagerHandle> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-am-"));
  removeDirOnExit(workDir);
  const config = {
    route: {
      receiver: "srecp",
      group_by: options.groupBy ?? ["alertname", "service"],
      group_wait: options.groupWait ?? "1s",
      group_interval: options.groupInterval ?? "1s",
      repeat_interval: options.repeatInterval ?? "1h",
    },
    receivers: [
      {
        name: "srecp",
        webhook_configs: [
          {
            url: options.webhookUrl,
            send_resolved: true,
            max_alerts: 0,
            ...(options.bearerToken
              ? { http_config: { authorization: { type: "Bearer", credentials: options.bearerToken } } }
              : {}),
          },
        ],
      },
    ],
  };
  // JSON is valid YAML.
  fs.writeFileSync(path.join(workDir, "alertmanager.yml"), `${JSON.stringify(config, null, 2)}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess(
    bin(),
    [
      `--config.file=${path.join(workDir, "alertmanager.yml")}`,
      `--storage.path=${path.join(workDir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${url}/`,
      "--cluster.listen-address=",
    ],
    path.join(workDir, "alertmanager.log"),
  );
  try {
    await waitReady(`${url}/-/ready`, proc);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return {
    url,
    workDir,
    postAlerts: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`Alertmanager refused alerts: HTTP ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      await proc.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
      forgetDirOnExit(workDir);
    },
  };
}
