// The quick start's own Prometheus (issue 14): Debian's `prometheus` binary on a free 127.0.0.1 port,
// config, data and log under DATA_DIR/prometheus, so a restart comes back with its data (the TSDB
// replays its WAL; blocks placed in data/ by `srecp demo` are loaded at start and on the TSDB's
// one-minute reload). Plain ESM so that scripts/app.mjs uses it before anything is built.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const prometheusBin = () => process.env.PROMETHEUS_BIN || "/usr/bin/prometheus";

/** The one line printed when the binary is missing. */
export const MISSING_PROMETHEUS_HINT =
  'Prometheus not found (run `sudo apt-get install prometheus`, or `sudo bash scripts/check-system.sh`, or set PROMETHEUS_URL); starting without one: SLOs show "no data".';

/** Files of the local Prometheus under `dataDir` (the app's DATA_DIR). */
export const localPrometheusPaths = (dataDir) => {
  const dir = path.join(dataDir, "prometheus");
  return {
    dir,
    data: path.join(dir, "data"),
    config: path.join(dir, "prometheus.yml"),
    log: path.join(dir, "prometheus.log"),
    state: path.join(dir, "state.json"),
    port: path.join(dir, "port"),
  };
};

/** Where a running local Prometheus listens ({url, pid}), as the last start wrote it; null if none. */
export const readLocalPrometheusState = (dataDir) => {
  try {
    return JSON.parse(fs.readFileSync(localPrometheusPaths(dataDir).state, "utf8"));
  } catch {
    return null;
  }
};

const portFree = (port) =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** The port of the previous run when it is free (bookmarks keep working), else any free one. */
const choosePort = async (previous) => (previous && (await portFree(previous)) ? previous : freePort());

/** A Prometheus of a previous run that was not stopped (app killed with SIGKILL) holds the TSDB lock. */
const stopLeftover = async (state, dataDir) => {
  if (!state?.pid) return;
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${state.pid}/cmdline`, "utf8");
  } catch {
    return; // not running
  }
  // Only our own process: its command line names this data directory.
  if (!cmdline.includes(localPrometheusPaths(dataDir).data)) return;
  process.kill(state.pid, "SIGTERM");
  for (let i = 0; i < 200 && fs.existsSync(`/proc/${state.pid}`); i++) await new Promise((r) => setTimeout(r, 50));
};

/**
 * Starts the local Prometheus and waits until it is ready. Returns {url, stop()} or null (with the
 * one-line hint logged) when the binary is missing. `scrapeTargets` are host:port of /metrics
 * endpoints to scrape (job "srecp"); `scrapeIntervalSeconds` defaults to 15. `demoExporter` is the host:port
 * of the demo's live exporter (scripts/lib/demo-exporter.mjs): its job keeps the exposed job/instance
 * labels and timestamps, so the live samples continue the series `srecp demo` wrote as blocks.
 */
export async function startLocalPrometheus({
  dataDir,
  log = console.log,
  scrapeTargets = [],
  scrapeIntervalSeconds = 15,
  readyTimeoutMs = 60_000,
  demoExporter = null,
}) {
  const bin = prometheusBin();
  if (!fs.existsSync(bin)) {
    log(MISSING_PROMETHEUS_HINT);
    return null;
  }
  const paths = localPrometheusPaths(dataDir);
  fs.mkdirSync(paths.data, { recursive: true });
  const previous = readLocalPrometheusState(dataDir);
  await stopLeftover(previous, dataDir);
  const lastPort = Number(fs.existsSync(paths.port) ? fs.readFileSync(paths.port, "utf8") : 0);
  const port = await choosePort(lastPort);
  const url = `http://127.0.0.1:${port}`;
  // JSON is valid YAML.
  const config = {
    global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: "15s" },
    scrape_configs: [
      { job_name: "prometheus", static_configs: [{ targets: [`127.0.0.1:${port}`] }] },
      ...(scrapeTargets.length ? [{ job_name: "srecp", static_configs: [{ targets: scrapeTargets }] }] : []),
      ...(demoExporter
        ? [
            {
              job_name: "srecp-demo",
              honor_labels: true,
              honor_timestamps: true,
              static_configs: [{ targets: [demoExporter] }],
            },
          ]
        : []),
    ],
  };
  fs.writeFileSync(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  const out = fs.openSync(paths.log, "a");
  const child = spawn(
    bin,
    [
      `--config.file=${paths.config}`,
      `--storage.tsdb.path=${paths.data}`,
      "--storage.tsdb.retention.time=400d", // the demo's month (and a year of real use) must not be deleted
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${url}/`,
      "--web.enable-lifecycle",
    ],
    { stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise((resolve) => {
    child.once("exit", () => ((exited = true), resolve()));
    child.once("error", () => ((exited = true), resolve()));
  });
  // Last resort when the parent dies without stopping it ('exit' handlers must be synchronous).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async (graceMs = 15_000) => {
    process.removeListener("exit", killOnExit);
    if (!exited) {
      child.kill("SIGTERM"); // Prometheus flushes and closes its TSDB on SIGTERM
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    }
    fs.rmSync(paths.state, { force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`prometheus exited during start-up; see ${paths.log}:\n${tail(paths.log)}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after ${readyTimeoutMs} ms; see ${paths.log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fs.writeFileSync(paths.state, `${JSON.stringify({ url, port, pid: child.pid })}\n`);
  fs.writeFileSync(paths.port, `${port}\n`); // kept after a stop: the next start prefers it
  return { url, pid: child.pid, stop, exited: () => exited };
}

const tail = (file) => {
  try {
    return fs.readFileSync(file, "utf8").slice(-1500);
  } catch {
    return "(no log)";
  }
};
