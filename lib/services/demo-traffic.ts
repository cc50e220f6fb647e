import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { demoOpenMetrics } from "@/lib/demo/openmetrics";

// Writes the demo's month of traffic (lib/demo) into a Prometheus TSDB directory as blocks, through
// `promtool tsdb create-blocks-from openmetrics`. Prometheus loads blocks placed in its data dir at
// start and on its one-minute block reload. Only once per data dir: a second month with another end
// would overlap the first with different counter values.

export const promtoolPath = () => process.env.PROMTOOL_BIN || "/usr/bin/promtool";
const MARKER = "srecp-demo-end";

export type DemoBlocksResult = { written: boolean; endSec: number; seconds: number };

/** End instant (epoch s) of demo traffic already written to `tsdbDir`, or null. */
export const writtenDemoEnd = (tsdbDir: string): number | null => {
  const file = path.join(tsdbDir, MARKER);
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : null;
};

export async function writeDemoBlocks(tsdbDir: string, endSec: number): Promise<DemoBlocksResult> {
  const previous = writtenDemoEnd(tsdbDir);
  if (previous !== null) return { written: false, endSec: previous, seconds: 0 };
  const started = Date.now();
  fs.mkdirSync(tsdbDir, { recursive: true });
  // Inside the TSDB directory: renames stay on one filesystem (in docker compose it is a volume), and
  // Prometheus ignores entries whose names are not block ULIDs.
  const scratch = fs.mkdtempSync(path.join(tsdbDir, ".srecp-demo-blocks-"));
  const file = path.join(scratch, "demo.om");
  try {
    const fd = fs.openSync(file, "w");
    try {
      for (const chunk of demoOpenMetrics(endSec)) fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    // --max-block-duration (hidden flag): one block for the month instead of re-reading the file per 2 h block.
    await run(promtoolPath(), [
      "tsdb",
      "create-blocks-from",
      "openmetrics",
      "--max-block-duration=1000h",
      file,
      scratch,
    ]);
    for (const name of fs.readdirSync(scratch)) {
      if (name !== "demo.om") fs.renameSync(path.join(scratch, name), path.join(tsdbDir, name)); // whole blocks appear at once
    }
    fs.writeFileSync(path.join(tsdbDir, MARKER), `${endSec}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { written: true, endSec, seconds: (Date.now() - started) / 1000 };
}

const run = (command: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`promtool exited ${code}: ${output.slice(-1500)}`)),
    );
  });
