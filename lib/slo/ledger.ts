import { errorBudgetRatio } from "./budget";
import { SloDefinitionError, type EventCounts } from "./types";

// Budget ledger: who spent an SLO's error budget over [fromMs, toMs). Inputs are exact counts of
// contiguous pieces ("segments") whose edges include every range edge, so each segment lies wholly inside
// or outside every range, and each segment goes to exactly ONE bucket, in this precedence:
//   1. excluded  — an approved correction covers it: its events leave the budget (bad AND total);
//   2. incident  — the impact window of the incident that started first (ties: key order);
//   3. deploy    — the deployment in force (from its instant to the next deployment or the horizon);
//   4. unattributed.
// Overlaps therefore never double count: an incident during a deploy's range takes those events, and the
// deploy keeps the rest. The total is the sum of the parts (in event counts; consumed shares all divide by
// the same allowed bad events), so the table always adds up.

export const LEDGER_HOUR_MS = 3_600_000;

export type LedgerRange = { startMs: number; endMs: number };
export type LedgerSegment = LedgerRange & EventCounts;
export type LedgerKeyedRange = LedgerRange & { key: string };
export type LedgerPartKind = "incident" | "deploy" | "unattributed";

export type LedgerPart = {
  kind: LedgerPartKind;
  /** Incident or deployment id; "unattributed" for the rest. */
  key: string;
  /** The range clipped to [fromMs, toMs); the whole ledger range for "unattributed". */
  startMs: number;
  endMs: number;
  bad: number;
  total: number;
  /** bad / allowed bad events of the ledger range; null without traffic. */
  consumed: number | null;
};

export type Ledger = {
  fromMs: number;
  toMs: number;
  /** Events counted against the budget (excluded ones removed). */
  bad: number;
  total: number;
  /** budget × total. */
  allowedBadEvents: number | null;
  /** bad / allowedBadEvents (the parts' consumed add up to it, to float rounding); null without traffic. */
  consumed: number | null;
  /** Events an approved correction took out of the budget (never part of bad/total above). */
  excluded: { bad: number; total: number };
  parts: LedgerPart[];
};

const badOf = (s: EventCounts) => Math.max(0, s.total - Math.max(0, s.good));
const covers = (r: LedgerRange, s: LedgerRange) => r.startMs <= s.startMs && s.endMs <= r.endMs;
const overlaps = (r: LedgerRange, s: LedgerRange) => s.startMs < r.endMs && r.startMs < s.endMs;

/**
 * Each deployment's range: from its instant to the next deployment's (same service), capped at
 * `horizonMs` after it. Deploys at the same instant: the later key wins, the other gets an empty range.
 */
export function deployRanges(deploys: readonly { key: string; atMs: number }[], horizonMs: number): LedgerKeyedRange[] {
  if (!(horizonMs > 0)) throw new SloDefinitionError("horizon", "the deploy horizon must be positive");
  const sorted = [...deploys].sort((a, b) => a.atMs - b.atMs || a.key.localeCompare(b.key));
  return sorted.map((d, i) => ({
    key: d.key,
    startMs: d.atMs,
    endMs: Math.min(d.atMs + horizonMs, sorted[i + 1]?.atMs ?? Infinity),
  }));
}

/**
 * Sorted edges of the pieces to count: fromMs, toMs, every whole UTC hour between (so full hours come from
 * the hourly rollups) and every range edge inside (fromMs, toMs).
 */
export function ledgerCuts(
  fromMs: number,
  toMs: number,
  ranges: readonly LedgerRange[],
  hourMs = LEDGER_HOUR_MS,
): number[] {
  if (!(toMs > fromMs)) throw new SloDefinitionError("to", "the ledger's end must be after its start");
  const cuts = new Set<number>([fromMs, toMs]);
  for (let h = Math.ceil(fromMs / hourMs) * hourMs; h < toMs; h += hourMs) cuts.add(h);
  for (const r of ranges) for (const e of [r.startMs, r.endMs]) if (e > fromMs && e < toMs) cuts.add(e);
  return [...cuts].sort((a, b) => a - b);
}

function checkSegments(
  fromMs: number,
  toMs: number,
  segments: readonly LedgerSegment[],
  ranges: readonly LedgerRange[],
) {
  let at = fromMs;
  for (const s of segments) {
    if (s.startMs !== at || !(s.endMs > s.startMs))
      throw new SloDefinitionError("segments", "segments must be contiguous and cover the ledger range");
    if (!Number.isFinite(s.good) || !Number.isFinite(s.total) || s.total < 0)
      throw new SloDefinitionError("segments", "segment counts must be finite, total ≥ 0");
    if (ranges.some((r) => overlaps(r, s) && !covers(r, s)))
      throw new SloDefinitionError("segments", "a segment straddles a range edge: cut at ledgerCuts()");
    at = s.endMs;
  }
  if (at !== toMs) throw new SloDefinitionError("segments", "segments must be contiguous and cover the ledger range");
}

/** Attributes every segment to one bucket (precedence above) and sums exact counts per part. */
export function attributeLedger(input: {
  fromMs: number;
  toMs: number;
  objective: number;
  segments: readonly LedgerSegment[];
  excluded: readonly LedgerRange[];
  incidents: readonly LedgerKeyedRange[];
  deploys: readonly LedgerKeyedRange[];
}): Ledger {
  const { fromMs, toMs } = input;
  const budget = errorBudgetRatio(input.objective);
  const byStart = (a: LedgerKeyedRange, b: LedgerKeyedRange) => a.startMs - b.startMs || a.key.localeCompare(b.key);
  const incidents = input.incidents.filter((r) => overlaps(r, { startMs: fromMs, endMs: toMs })).sort(byStart);
  const deploys = input.deploys
    .filter((r) => r.endMs > r.startMs && overlaps(r, { startMs: fromMs, endMs: toMs }))
    .sort(byStart);
  checkSegments(fromMs, toMs, input.segments, [...input.excluded, ...incidents, ...deploys]);

  const clip = (r: LedgerRange) => ({ startMs: Math.max(r.startMs, fromMs), endMs: Math.min(r.endMs, toMs) });
  const parts: LedgerPart[] = [
    ...incidents.map((r) => ({ kind: "incident" as const, key: r.key, ...clip(r), bad: 0, total: 0, consumed: null })),
    ...deploys.map((r) => ({ kind: "deploy" as const, key: r.key, ...clip(r), bad: 0, total: 0, consumed: null })),
    { kind: "unattributed", key: "unattributed", startMs: fromMs, endMs: toMs, bad: 0, total: 0, consumed: null },
  ];
  const unattributed = parts[parts.length - 1]!;
  const excluded = { bad: 0, total: 0 };
  for (const s of input.segments) {
    const counts = { bad: badOf(s), total: Math.max(0, s.total) };
    if (input.excluded.some((r) => covers(r, s))) {
      excluded.bad += counts.bad;
      excluded.total += counts.total;
      continue;
    }
    const i = incidents.findIndex((r) => covers(r, s));
    const d = i >= 0 ? -1 : deploys.findIndex((r) => covers(r, s));
    const part = i >= 0 ? parts[i]! : d >= 0 ? parts[incidents.length + d]! : unattributed;
    part.bad += counts.bad;
    part.total += counts.total;
  }
  // Totals are the sums of the parts, so the table adds up exactly whatever the float order.
  const bad = parts.reduce((x, p) => x + p.bad, 0);
  const total = parts.reduce((x, p) => x + p.total, 0);
  const allowedBadEvents = total > 0 ? budget * total : null;
  const share = (b: number) => (allowedBadEvents === null ? null : b / allowedBadEvents);
  for (const p of parts) p.consumed = share(p.bad);
  return { fromMs, toMs, bad, total, allowedBadEvents, consumed: share(bad), excluded, parts };
}
