import { sameJson } from "@/lib/canonical-json";
import type { Sli, SloWindow } from "./types";

/**
 * An SLO's definition: what its numbers mean. A change of any of these fields never edits history: it
 * makes a new immutable version (which an editor's change must have signed off). Every other field
 * (description, names, runbook, labels, alert settings) is changed in place.
 */
export type SloDefinition = { sli: Sli; objective: number; window: SloWindow };
export const SLO_DEFINITION_FIELDS = ["objective", "window", "sli"] as const satisfies readonly (keyof SloDefinition)[];

/**
 * Whether an edit changes the definition in force: the one comparison of the API's PATCH and the SLOs-as-code
 * plan. A field the edit leaves out (undefined) keeps its value. Values compare canonically (lib/canonical-json):
 * jsonb hands a stored sli/window back with its keys reordered, and a client sends them in its own order.
 */
export function definitionChanged(current: SloDefinition, edit: Partial<SloDefinition>): boolean {
  return SLO_DEFINITION_FIELDS.some((f) => edit[f] !== undefined && !sameJson(edit[f], current[f]));
}
