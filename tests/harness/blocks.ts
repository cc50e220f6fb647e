import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeScenarioOpenMetrics } from "./openmetrics";
import { runToCompletion } from "./process";
import type { Scenario } from "./scenario";

// Bump when the scenario's series or values change, so stale cached blocks are never reused.
const SCENARIO_VERSION = "v1";

export const promtoolBin = (): string => process.env.PROMTOOL_BIN ?? "/usr/bin/promtool";

export const defaultBlockCacheDir = (): string => path.join(os.tmpdir(), "srecp-prometheus-blocks");

/**
 * Puts TSDB blocks holding the whole scenario into `dataDir`. Blocks are built once per scenario
 * `end` (hour-aligned, so all runs within an hour share them) and copied from `cacheDir`:
 * generating ~2.6 M samples and running promtool costs seconds, copying the blocks ~0.1 s.
 * `--max-block-duration=1000h` is a hidden promtool flag; without it promtool re-reads the whole file
 * once per 2 h block (minutes instead of seconds).
 */
export const prepareScenarioBlocks = async (
  scenario: Scenario,
  dataDir: string,
  scratchDir: string,
  cacheDir: string | false,
): Promise<void> => {
  fs.mkdirSync(dataDir, { recursive: true });
  if (cacheDir === false) {
    await buildBlocks(scenario, dataDir, scratchDir);
    return;
  }
  const entry = path.join(cacheDir, `${SCENARIO_VERSION}-${scenario.end}`);
  if (!fs.existsSync(entry)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const staging = fs.mkdtempSync(path.join(cacheDir, "staging-"));
    await buildBlocks(scenario, staging, scratchDir);
    try {
      fs.renameSync(staging, entry); // atomic publish; a concurrent run may have won the race
    } catch {
      fs.rmSync(staging, { recursive: true, force: true });
    }
    pruneCache(cacheDir, entry);
  }
  fs.cpSync(entry, dataDir, { recursive: true });
};

const buildBlocks = async (scenario: Scenario, outDir: string, scratchDir: string): Promise<void> => {
  const file = path.join(scratchDir, "scenario.om");
  writeScenarioOpenMetrics(scenario, file);
  try {
    await runToCompletion(promtoolBin(), [
      "tsdb",
      "create-blocks-from",
      "openmetrics",
      "--max-block-duration=1000h",
      file,
      outDir,
    ]);
  } finally {
    fs.rmSync(file, { force: true });
  }
};

/** Removes cache entries of other scenario ends older than a day (stale hours, old versions). */
const pruneCache = (cacheDir: string, keep: string) => {
  const dayAgoMs = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(cacheDir)) {
    const full = path.join(cacheDir, name);
    if (full === keep) continue;
    try {
      if (fs.statSync(full).mtimeMs < dayAgoMs) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // another run may be removing it too
    }
  }
};
