import { NATIVE_API_VERSION } from "@/lib/validation/slo-as-code";
import { cmp, policyKey, serviceKey, sloKey, type DesiredState } from "./model";
import { parseNative, type Parsed } from "./native";
import {
  OPENSLO_API_VERSION,
  OPENSLO_KINDS,
  parseOpenSloService,
  parseOpenSloSlo,
  type OpenSloIndex,
  type OpenSloOptions,
} from "./openslo-import";
import { parsePyrra, PYRRA_API_VERSION } from "./pyrra";
import { parseSloth, SLOTH_CRD_API_VERSION, SLOTH_VERSION } from "./sloth";
import { parseYamlFile, type Issue, type YamlDoc } from "./source";

export type SourceFile = { path: string; text: string };
/** issues: errors only; warnings (what an import drops or changes) are in desired.warnings too. */
export type LoadResult = { desired: DesiredState; issues: Issue[]; warnings: Issue[] };

/** Builds the index of OpenSLO documents other documents refer to by name (SLI, AlertPolicy). */
function openSloIndex(docs: YamlDoc[], issues: Issue[]): OpenSloIndex {
  const index: OpenSloIndex = { slis: new Map(), alertPolicies: new Map() };
  for (const doc of docs) {
    if (doc.get(["apiVersion"]) !== OPENSLO_API_VERSION) continue;
    const kind = doc.get(["kind"]);
    const map = kind === "SLI" ? index.slis : kind === "AlertPolicy" ? index.alertPolicies : null;
    const name = doc.get(["metadata", "name"]);
    if (!map || typeof name !== "string") continue;
    const other = map.get(name);
    if (other)
      issues.push(
        doc.issue(
          ["metadata", "name"],
          `${kind} "${name}" is also defined in ${other.file}:${other.line(["metadata", "name"])}`,
        ),
      );
    else map.set(name, doc);
  }
  return index;
}

function parseDoc(doc: YamlDoc, index: OpenSloIndex, opts: OpenSloOptions): { items: Parsed[]; issues: Issue[] } {
  const apiVersion = doc.get(["apiVersion"]);
  const kind = doc.get(["kind"]);
  if (doc.get(["version"]) === SLOTH_VERSION && apiVersion === undefined) return parseSloth(doc, []);
  if (apiVersion === NATIVE_API_VERSION) return parseNative(doc);
  if (apiVersion === SLOTH_CRD_API_VERSION) {
    if (kind !== "PrometheusServiceLevel")
      return {
        items: [],
        issues: [doc.issue(["kind"], "only kind PrometheusServiceLevel of sloth.slok.dev/v1 can be imported")],
      };
    return parseSloth(doc, ["spec"]);
  }
  if (apiVersion === PYRRA_API_VERSION) return parsePyrra(doc, opts);
  if (apiVersion === OPENSLO_API_VERSION) {
    if (kind === "Service") return parseOpenSloService(doc, opts);
    if (kind === "SLO") return parseOpenSloSlo(doc, index);
    if (typeof kind === "string" && (OPENSLO_KINDS as readonly string[]).includes(kind))
      return { items: [], issues: [] }; // referenced by SLOs
    return { items: [], issues: [doc.issue(["kind"], `unknown OpenSLO kind ${JSON.stringify(kind)}`)] };
  }
  if (typeof apiVersion === "string" && apiVersion.startsWith("openslo/")) {
    return {
      items: [],
      issues: [doc.issue(["apiVersion"], `only ${OPENSLO_API_VERSION} can be imported (got ${apiVersion})`)],
    };
  }
  if (doc.get(["version"]) !== undefined)
    return {
      items: [],
      issues: [doc.issue(["version"], `only Sloth specs with version "${SLOTH_VERSION}" can be imported`)],
    };
  return {
    items: [],
    issues: [
      doc.issue(
        ["apiVersion"],
        `unknown document: expected apiVersion ${NATIVE_API_VERSION}, ${OPENSLO_API_VERSION}, ${SLOTH_CRD_API_VERSION} or ${PYRRA_API_VERSION}, or a Sloth spec with version "${SLOTH_VERSION}"`,
      ),
    ],
  };
}

const keyOf = (p: Parsed) =>
  p.kind === "service" ? serviceKey(p.spec) : p.kind === "slo" ? sloKey(p.spec) : policyKey(p.spec);

/**
 * Reads every document of every file (native, OpenSLO v1, Sloth, Pyrra) into one desired state. Files are
 * taken in path order, so messages and results do not depend on the directory listing order.
 */
export function loadFiles(files: readonly SourceFile[], opts: OpenSloOptions = {}): LoadResult {
  const issues: Issue[] = [];
  const docs: YamlDoc[] = [];
  for (const f of [...files].sort((a, b) => cmp(a.path, b.path))) {
    const parsed = parseYamlFile(f.path, f.text);
    issues.push(...parsed.issues);
    docs.push(...parsed.docs);
  }
  const index = openSloIndex(docs, issues);
  const warnings: Issue[] = [];
  const desired: DesiredState = { services: [], slos: [], policies: [], origins: new Map(), warnings };
  for (const doc of docs) {
    const r = parseDoc(doc, index, opts);
    for (const i of r.issues) (i.severity === "warning" ? warnings : issues).push(i);
    for (const item of r.items) {
      const key = keyOf(item);
      const first = desired.origins.get(key);
      if (first) {
        issues.push({
          severity: "error",
          file: doc.file,
          line: item.line,
          field: "",
          message: `${key} is declared twice (first in ${first.file}:${first.line})`,
        });
        continue;
      }
      desired.origins.set(key, { file: doc.file, line: item.line });
      if (item.kind === "service") desired.services.push(item.spec);
      else if (item.kind === "slo") desired.slos.push(item.spec);
      else desired.policies.push(item.spec);
    }
  }
  return { desired, issues, warnings };
}
