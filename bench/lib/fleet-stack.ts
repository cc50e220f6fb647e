// The synthetic fleet's running parts, shared by the benches that measure it: a Prometheus over its
// backfilled TSDB blocks and the benches' way to report and exit. The benches of the built
// app (next start) backfill the data, add a database and seed SLOs through fleet-app.ts.
import fs from "node:fs";
import path from "node:path";
import { freePort, startProcess, waitReady } from "../../tests/harness/process";

/** Starts Prometheus on 127.0.0.1 (a free port) over `work`/data, no scrapes; resolves once it is ready. */
export async function startFleetPrometheus(work: string, extraArgs: string[] = []) {
  const config = path.join(work, "prometheus.yml");
  fs.writeFileSync(config, "global:\n  scrape_interval: 1h\n");
  const port = await freePort();
  const prom = startProcess(
    "/usr/bin/prometheus",
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(work, "data")}`,
      "--storage.tsdb.retention.time=90d",
      `--web.listen-address=127.0.0.1:${port}`,
      ...extraArgs,
    ],
    path.join(work, "prometheus.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, prom);
  return { prom, url };
}

/** Appends a bench's section to bench/RESULTS.md and prints it. */
export function appendResults(text: string) {
  fs.appendFileSync("bench/RESULTS.md", text);
  console.log(text);
}

/** Runs a bench's main and exits with its outcome (the database pools it opened would keep the process alive). */
export function runMain(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
