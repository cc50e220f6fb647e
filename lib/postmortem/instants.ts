// Key incident instants (epoch milliseconds) and the durations derived from them.
//
// Ordering rule (anchors C.6): impactStart ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.
// - Missing instants (null/undefined) are skipped: each present instant is compared with the nearest
//   present instant before it in that chain. Checking neighbours is enough: if every neighbour pair is
//   ordered, the whole chain is ordered (transitivity), so "no violations" ⇔ "fully ordered".
// - Equal instants are allowed (e.g. detected and acknowledged in the same second).
// - impactEnd (optional, Google's "outage ends") sits beside the chain: impactStart ≤ impactEnd,
//   mitigated ≤ impactEnd ≤ resolved, each pair checked only when both are present.

export const INSTANT_FIELDS = ["impactStart", "detected", "acknowledged", "mitigated", "resolved"] as const;
export type InstantField = (typeof INSTANT_FIELDS)[number] | "impactEnd";

export type IncidentInstants = Partial<Record<InstantField, number | null>>;

export type InstantViolation = {
  /** The instant that is out of place (or not a valid number). */
  field: InstantField;
  /** The instant it was compared with, when the violation is an ordering one. */
  relatedField?: InstantField;
  message: string;
};

const iso = (ms: number): string => new Date(ms).toISOString();
const present = (value: number | null | undefined): value is number => value !== null && value !== undefined;

/**
 * Lists every ordering violation among the instants that are present (see the rule above), plus any
 * instant that is not a finite number. An empty list means the instants are consistent.
 */
export function validateInstantOrder(instants: IncidentInstants): InstantViolation[] {
  const violations: InstantViolation[] = [];
  const valid: IncidentInstants = {};
  for (const field of [...INSTANT_FIELDS, "impactEnd"] as const) {
    const value = instants[field];
    if (!present(value)) continue;
    if (!Number.isFinite(value)) {
      violations.push({ field, message: `${field} is not a valid instant.` });
      continue;
    }
    valid[field] = value;
  }

  const before = (field: InstantField, relatedField: InstantField): void => {
    const a = valid[field];
    const b = valid[relatedField];
    if (present(a) && present(b) && a < b) {
      violations.push({ field, relatedField, message: `${field} (${iso(a)}) is before ${relatedField} (${iso(b)}).` });
    }
  };

  let previous: InstantField | null = null;
  for (const field of INSTANT_FIELDS) {
    if (!present(valid[field])) continue;
    if (previous) before(field, previous);
    previous = field;
  }

  before("impactEnd", "impactStart");
  before("impactEnd", "mitigated");
  const end = valid.impactEnd;
  const resolved = valid.resolved;
  if (present(end) && present(resolved) && end > resolved) {
    violations.push({
      field: "impactEnd",
      relatedField: "resolved",
      message: `impactEnd (${iso(end)}) is after resolved (${iso(resolved)}).`,
    });
  }
  return violations;
}

/** Durations in milliseconds; null when an instant is missing or the pair is out of order (never negative, never a fake zero). */
export type IncidentDurations = {
  /** detected − impactStart (MTTD). */
  timeToDetectMs: number | null;
  /** acknowledged − detected (MTTA). */
  timeToAcknowledgeMs: number | null;
  /** mitigated − impactStart (MTTM). */
  timeToMitigateMs: number | null;
  /** resolved − impactStart (MTTR). */
  timeToResolveMs: number | null;
  /** impact end − impactStart, where impact end = impactEnd, else mitigated, else resolved. */
  totalImpactMs: number | null;
};

const span = (from: number | null | undefined, to: number | null | undefined): number | null =>
  present(from) && present(to) && Number.isFinite(from) && Number.isFinite(to) && to >= from ? to - from : null;

/** Computes the standard incident durations (definitions as in the anchors note, C.5). */
export function incidentDurations(instants: IncidentInstants): IncidentDurations {
  const { impactStart, detected, acknowledged, mitigated, resolved, impactEnd } = instants;
  return {
    timeToDetectMs: span(impactStart, detected),
    timeToAcknowledgeMs: span(detected, acknowledged),
    timeToMitigateMs: span(impactStart, mitigated),
    timeToResolveMs: span(impactStart, resolved),
    totalImpactMs: span(impactStart, impactEnd ?? mitigated ?? resolved),
  };
}
