import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRuleGroups, rulesToYaml } from "@/lib/slo";
import { loadFiles } from "@/lib/slo-as-code";
import { GENERATED_RULES_FILE, PROMTOOL_SLOS } from "@/tests/fixtures/rules/slo-definitions";
import { fixtureFiles } from "@/tests/unit/slo-as-code/helpers";

// Proves the rule generator with the real promtool (Prometheus 2.42 from Debian): the generated file passes
// `promtool check rules`, and `promtool test rules` replays input series through it (fixtures in
// tests/fixtures/rules/*.test.yml, copied next to the generated file because rule_files paths are relative).
const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/rules");

const promtool = async (args: string[], cwd: string) => {
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { cwd, timeout: 60_000 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
};

describe("generated SLO rules under promtool", () => {
  let dir = "";
  let testFiles: string[] = [];

  beforeAll(async () => {
    if (!existsSync(PROMTOOL)) throw new Error(`promtool not found at ${PROMTOOL} (apt-get install prometheus)`);
    dir = await mkdtemp(path.join(tmpdir(), "slo-rules-"));
    await writeFile(path.join(dir, GENERATED_RULES_FILE), rulesToYaml(generateRuleGroups(PROMTOOL_SLOS)));
    testFiles = (await readdir(FIXTURES)).filter((f) => f.endsWith(".test.yml")).sort();
    for (const file of testFiles) await copyFile(path.join(FIXTURES, file), path.join(dir, file));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes promtool check rules (2 SLOs with 4 alerts each, 1 recording-only)", async () => {
    const result = await promtool(["check", "rules", GENERATED_RULES_FILE], dir);
    expect(result.output).toContain("SUCCESS: 44 rules found");
    expect(result.code, result.output).toBe(0);
  });

  it("passes promtool check rules for imported Sloth and Pyrra SLOs with their alert names, labels and (templated) annotations", async () => {
    const { desired, issues } = loadFiles([...fixtureFiles("sloth/valid"), ...fixtureFiles("pyrra/valid")]);
    expect(issues).toEqual([]);
    const slos = desired.slos.map((s, i) => ({
      id: `imported-${i}`,
      ...s,
      runbookUrl: s.runbookUrl ?? "https://runbooks.example.com/imported",
      alertSettings: {
        ...s.alertSettings,
        annotations: {
          ...s.alertSettings.annotations,
          title: "{{ $labels.service }} {{ $labels.slo }} burns its budget ({{ $value | humanizePercentage }})",
        },
      },
    }));
    const file = "imported.rules.yml";
    await writeFile(path.join(dir, file), rulesToYaml(generateRuleGroups(slos)));
    const result = await promtool(["check", "rules", file], dir);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("SUCCESS");
  });

  it("has the page and ticket fixtures", () => {
    expect(testFiles).toEqual(["page-alerts.test.yml", "ticket-alerts.test.yml"]);
  });

  it.each([
    ["page-alerts.test.yml", "pages on a sustained 14.4x burn, not on a 10x burn for an hour"],
    ["ticket-alerts.test.yml", "tickets at sustained 3x / 1x burns, not below"],
  ])("promtool test rules %s: %s", async (file) => {
    const result = await promtool(["test", "rules", file], dir);
    expect(result.output, result.output).toContain("SUCCESS");
    expect(result.code, result.output).toBe(0);
  });
});
