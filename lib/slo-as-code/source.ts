import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";

/** A problem in the files, located by file, 1-based line and field path. */
export type Issue = { severity: "error" | "warning"; file: string; line: number; field: string; message: string };

export const formatIssue = (i: Issue) =>
  `${i.file}:${i.line}: ${i.severity === "warning" ? "warning: " : ""}${i.field ? `${i.field}: ` : ""}${i.message}`;

export const hasErrors = (issues: readonly Issue[]) => issues.some((i) => i.severity === "error");

export type Path = readonly (string | number)[];

/**
 * One YAML document of a file, with line lookup for any field path inside it. `prefix` locates a
 * document written as an item of a top-level list (OpenSLO's SDK examples put several documents in one
 * list); paths given to get/line/issue are relative to it.
 */
export class YamlDoc {
  readonly data: unknown;

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly prefix: Path = [],
  ) {
    let data: unknown = doc.toJS({ maxAliasCount: 100 });
    for (const k of prefix) data = (data as Record<string | number, unknown>)[k];
    this.data = data;
  }

  /**
   * Line of the deepest node that exists along `path`: the line of its key when it is a map entry
   * (so `spec:` rather than the first line of its block), the document's first line when none exists.
   */
  line(relative: Path = []): number {
    const path = [...this.prefix, ...relative];
    for (let n = path.length; n >= 0; n--) {
      if (n > 0) {
        const parent = n === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
          const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (range) return this.lines.linePos(range[0]).line;
          continue;
        }
      }
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return 1;
  }

  issue(path: Path, message: string, severity: Issue["severity"] = "error"): Issue {
    return { severity, file: this.file, line: this.line(path), field: path.join("."), message };
  }

  /** The value at `path` of the parsed document (undefined when absent). */
  get(path: Path): unknown {
    let v: unknown = this.data;
    for (const k of path) {
      if (v === null || typeof v !== "object") return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v;
  }
}

/** Parses every document of a YAML file; syntax errors become issues with their line. */
export function parseYamlFile(file: string, text: string): { docs: YamlDoc[]; issues: Issue[] } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(parsed) ? parsed : [];
  const issues: Issue[] = [];
  const docs: YamlDoc[] = [];
  for (const doc of all) {
    for (const err of doc.errors) {
      issues.push({
        severity: "error",
        file,
        line: err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line,
        field: "",
        message: `YAML: ${err.message.split("\n")[0]}`,
      });
    }
    if (doc.errors.length) continue;
    if (doc.contents === null) continue; // an empty document (e.g. a trailing ---)
    if (isSeq(doc.contents)) {
      const whole = new YamlDoc(file, doc, lines);
      (whole.data as unknown[]).forEach((item, i) => {
        if (isRecord(item)) docs.push(new YamlDoc(file, doc, lines, [i]));
        else
          issues.push(whole.issue([i], "a file written as a list must list documents (maps with apiVersion and kind)"));
      });
      continue;
    }
    docs.push(new YamlDoc(file, doc, lines));
  }
  return { docs, issues };
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
