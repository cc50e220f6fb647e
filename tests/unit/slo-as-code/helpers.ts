import fs from "node:fs";
import path from "node:path";
import { defaultAlertSettings } from "@/lib/slo";
import { formatIssue, loadFiles, type Issue, type SourceFile } from "@/lib/slo-as-code";

export const FIXTURES = path.resolve(__dirname, "../../fixtures");

/** Every *.yaml under `dir` (recursively), with paths relative to the fixtures folder. */
export function fixtureFiles(dir: string): SourceFile[] {
  const root = path.join(FIXTURES, dir);
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name))
        out.push({ path: path.relative(FIXTURES, p), text: fs.readFileSync(p, "utf8") });
    }
  };
  walk(root);
  return out;
}

/** Loads inline files: `{ "a.yaml": "…" }`. */
export const load = (files: Record<string, string>, opts = {}) =>
  loadFiles(
    Object.entries(files).map(([p, text]) => ({ path: p, text })),
    opts,
  );

export const lines = (issues: Issue[]) => issues.map(formatIssue);

/** The SloSpec fields an SLO has when its file says nothing about them. */
export const sloDefaults = () => ({ displayName: "", sliName: "", alertSettings: defaultAlertSettings() });
