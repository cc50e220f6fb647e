#!/usr/bin/env node
// `npm test`: every suite, in order, then ONE closing line "N passed, N failed[, N skipped]".
// Lint, typecheck and the production build count as one check each; Vitest (unit + integration)
// and Playwright report their own test counts through JSON reporters.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-test-"));
const only = (process.env.TEST_ONLY || "lint,typecheck,vitest,build,e2e").split(",");
const totals = { passed: 0, failed: 0, skipped: 0 };
const bin = (name) => path.join(root, "node_modules/.bin", name);

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(" ")}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${name}: exit ${res.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return res.status === 0;
}

function countCheck(ok) {
  if (ok) totals.passed++;
  else totals.failed++;
}

/** Vitest's JSON report: numPassedTests / numFailedTests / numPendingTests (+ todo). */
function countVitest(file, ok) {
  if (!fs.existsSync(file)) return countCheck(false);
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + (ok || r.numFailedTests ? 0 : 1); // a crash outside tests still fails
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

/** Playwright's JSON report: stats.expected (passed), unexpected + flaky (failed), skipped. */
function countPlaywright(file, ok) {
  if (!fs.existsSync(file)) return countCheck(false);
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += stats.expected;
  totals.failed += stats.unexpected + stats.flaky + (ok || stats.unexpected ? 0 : 1);
  totals.skipped += stats.skipped;
}

if (!fs.existsSync(path.join(root, "lib/db/generated/client.ts")))
  step("prisma generate", "npm", ["run", "db:generate"]);
if (only.includes("lint")) {
  countCheck(step("lint", bin("eslint"), ["--max-warnings=0", "."]));
  countCheck(step("format (prettier --check)", bin("prettier"), ["--check", "--log-level=warn", "."]));
  countCheck(step("unused exports (knip)", bin("knip"), []));
}
if (only.includes("typecheck")) countCheck(step("typecheck", bin("tsc"), ["--noEmit"]));
if (only.includes("vitest")) {
  const file = path.join(out, "vitest.json");
  countVitest(
    file,
    step("vitest (unit + integration)", bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${file}`,
    ]),
  );
}
let built = true;
if (only.includes("build"))
  countCheck((built = step("next build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" })));
if (only.includes("e2e")) {
  const file = path.join(out, "playwright.json");
  if (built)
    countPlaywright(file, step("playwright e2e", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file }));
  else countCheck(false);
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
