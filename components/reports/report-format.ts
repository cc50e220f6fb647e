import type { BadgeTone } from "@/components/ui/badge";
import type { Timeliness } from "@/lib/readiness";

/** How the team report writes its numbers: shares as percents, counts with separators, instants as dates. */
export const pct = (v: number | null, digits = 1) => (v === null ? "—" : `${(v * 100).toFixed(digits)} %`);
export const count = (n: number) => n.toLocaleString("en-US");
export const day = (iso: string) => iso.slice(0, 10);
export const TIMELINESS: Record<Timeliness, { label: string; tone: BadgeTone }> = {
  on_time: { label: "on time", tone: "success" },
  late: { label: "late", tone: "warning" },
  missing: { label: "missing", tone: "danger" },
  pending: { label: "due later", tone: "info" },
  unresolved: { label: "unresolved", tone: "neutral" },
  not_required: { label: "not required", tone: "neutral" },
};
