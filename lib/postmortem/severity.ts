// Severity levels SEV-1..SEV-3. Keys follow the source document's postmortem template
// ("**Severity**: SEV-1 / SEV-2 / SEV-3"); definitions, burn-rate hints and postmortem deadlines come
// from the postmortem anchors research note (C.1 and C.3). Hints are for the incident commander only:
// severity is never assigned automatically.

export const SEVERITIES = ["SEV-1", "SEV-2", "SEV-3"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `required`: a postmortem must be published; `optional`: it may be written (or made required by a trigger). */
export type PostmortemPolicy = "required" | "optional";

export type SeverityDefinition = {
  key: Severity;
  /** 1 = worst. */
  rank: number;
  name: string;
  description: string;
  /** Measurable hint for a tier-1 SLO with a 30-day window (SRE Workbook multi-window burn-rate alerts). */
  burnRateHint: string;
  postmortem: PostmortemPolicy;
  /** Business days after resolution by which the draft should be submitted for review. */
  reviewDueBusinessDays: number;
  /** Business days after resolution by which the postmortem should be published. */
  publishDueBusinessDays: number;
  /** Distinct approvers needed before publishing. */
  requiredApprovals: number;
};

export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, SeverityDefinition>> = {
  "SEV-1": {
    key: "SEV-1",
    rank: 1,
    name: "Critical",
    description:
      "Critical user journey unavailable or severely degraded for most users; any data loss or corruption; security breach.",
    burnRateHint: "Fast burn ≥ 14.4× over 1 h (≈ 2 % of the monthly error budget per hour).",
    postmortem: "required",
    reviewDueBusinessDays: 3,
    publishDueBusinessDays: 5,
    requiredApprovals: 2,
  },
  "SEV-2": {
    key: "SEV-2",
    rank: 2,
    name: "Major",
    description: "Major degradation for a subset of users, or a major feature broken with no workaround.",
    burnRateHint: "Burn ≥ 6× over 6 h (≈ 5 % of the monthly error budget).",
    postmortem: "required",
    reviewDueBusinessDays: 4,
    publishDueBusinessDays: 5,
    requiredApprovals: 1,
  },
  "SEV-3": {
    key: "SEV-3",
    rank: 3,
    name: "Minor",
    description: "Minor or limited impact; a workaround exists.",
    burnRateHint: "Burn ≥ 1× over 3 days (≈ 10 % of the monthly error budget).",
    postmortem: "optional",
    // Only used when a trigger (e.g. ≥ 10 % of a budget consumed, data loss) makes the postmortem required.
    reviewDueBusinessDays: 7,
    publishDueBusinessDays: 10,
    requiredApprovals: 1,
  },
};

/** Type guard for severity keys. */
export const isSeverity = (value: unknown): value is Severity =>
  typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);

/**
 * Accepts the spellings found in the wild ("SEV-1", "sev1", "SEV 1", "1") and returns the canonical key,
 * or null when the input names no known severity.
 */
export const parseSeverity = (input: string): Severity | null => {
  const match = /^\s*(?:sev[\s_-]?)?([1-3])\s*$/i.exec(input);
  return match ? (`SEV-${match[1]}` as Severity) : null;
};
