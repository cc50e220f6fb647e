import { stringify } from "yaml";
import { cmp, sortKeys, sortState, type ConfigState } from "./model";
import { policyDoc, serviceDoc, sloDoc } from "./native";
import { openSloService, openSloSlo } from "./openslo-export";

export type ExportFormat = "srecp" | "openslo";

const HEADER = "# SLOs as code (srecp). Edit, then `srecp plan -f <dir>` and `srecp apply -f <dir>`.\n";

/** YAML with keys sorted at every level and no line folding: the same state always gives the same bytes. */
/**
 * OpenSLO v1 has no field for corrections (time ranges excluded from an SLO's budget), so an OpenSLO
 * export says so in every file rather than dropping them silently. (The native format does not carry
 * them either: corrections are signed-off operational records, not configuration.)
 */
export const OPENSLO_CORRECTIONS_NOTE =
  "# Not exported: corrections (time ranges excluded from an SLO's error budget). OpenSLO v1 has no field for them; they stay in srecp (GET /api/v1/slos/{id}/corrections).\n";

const yamlDoc = (value: unknown) =>
  stringify(sortKeys(value), { sortMapEntries: true, lineWidth: 0, minContentWidth: 0 });

const file = (docs: unknown[], note = "") => HEADER + note + docs.map(yamlDoc).join("---\n");

/**
 * The state as files, deterministically: `services/<slug>.yaml` holds the service, its own
 * error-budget policy and its SLOs (by name); `teams/<slug>.yaml` holds a team's default policy.
 * With format "openslo", services and SLOs are OpenSLO v1 documents and the policies stay native
 * (OpenSLO has no equivalent); both import back to the same state.
 */
export function exportFiles(state: ConfigState, format: ExportFormat = "srecp"): Map<string, string> {
  const s = sortState(state);
  const out = new Map<string, string>();
  for (const service of s.services) {
    const policy = s.policies.find((p) => p.scope === "service" && p.target === service.slug);
    const slos = s.slos.filter((x) => x.service === service.slug);
    const docs =
      format === "openslo"
        ? [openSloService(service), ...(policy ? [policyDoc(policy)] : []), ...slos.map(openSloSlo)]
        : [serviceDoc(service), ...(policy ? [policyDoc(policy)] : []), ...slos.map(sloDoc)];
    out.set(`services/${service.slug}.yaml`, file(docs, format === "openslo" ? OPENSLO_CORRECTIONS_NOTE : ""));
  }
  for (const p of s.policies.filter((x) => x.scope === "team")) out.set(`teams/${p.target}.yaml`, file([policyDoc(p)]));
  return new Map([...out].sort(([a], [b]) => cmp(a, b)));
}

/** All files as one multi-document stream (for `srecp export` without -o). */
export const exportStream = (files: Map<string, string>) =>
  [...files].map(([path, text]) => `# ${path}\n${text.replace(HEADER, "")}`).join("---\n");
