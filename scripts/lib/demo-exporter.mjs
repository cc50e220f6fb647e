// The demo's live exporter as a child of the quick start (scripts/app.mjs): started only when `srecp demo`
// has written its traffic into DATA_DIR/prometheus/data (the marker file), on a free 127.0.0.1 port, and
// stopped with the app. The exporter itself is `srecp demo exporter` (lib/services/demo-exporter.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, localPrometheusPaths } from "./local-prometheus.mjs";

export const DEMO_MARKER = "srecp-demo-end";

/** True once `srecp demo` wrote its traffic into the quick start's Prometheus data. */
export const demoLoaded = (dataDir) => fs.existsSync(path.join(localPrometheusPaths(dataDir).data, DEMO_MARKER));

/** Starts the exporter and waits until it answers; returns {target: "host:port", stop()}. */
export async function startDemoExporterProcess({ root, dataDir, readyTimeoutMs = 60_000 }) {
  const port = await freePort();
  const logFile = path.join(localPrometheusPaths(dataDir).dir, "demo-exporter.log");
  const out = fs.openSync(logFile, "a");
  // Its own process group: srecp.mjs runs tsx, which runs the command; stop() signals all of them.
  const child = spawn(
    process.execPath,
    [
      path.join(root, "scripts/srecp.mjs"),
      "demo",
      "exporter",
      "--port",
      String(port),
      "--prometheus-data",
      localPrometheusPaths(dataDir).data,
    ],
    {
      cwd: root,
      stdio: ["ignore", out, out],
      detached: true,
      env: { ...process.env, DATA_DIR: dataDir },
    },
  );
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signal("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (exited) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}/metrics`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`demo exporter exited during start-up; see ${logFile}`);
    if (
      await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`demo exporter not answering after ${readyTimeoutMs} ms; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { target: `127.0.0.1:${port}`, url, stop };
}
