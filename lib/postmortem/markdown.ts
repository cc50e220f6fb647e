import type { ActionItem } from "./action-items";
import { incidentDurations, type IncidentInstants } from "./instants";
import { escapeInline, escapeTableCell, normalizeBlock, yamlList, yamlString } from "./markdown-escape";
import type { ReviewStatus } from "./review";
import type { Severity } from "./severity";

// Deterministic Markdown export (same input → byte-identical output): YAML front matter, then the
// source document's template ("## Incident Report: …" with Summary, Timeline (all times UTC), Root cause,
// Impact, What went well, What went poorly, Action items). All instants render in UTC. No clock, locale
// or environment is read.

export type TimelineEntry = {
  id?: string;
  /** Epoch ms when it happened. */
  atMs: number;
  /** Epoch ms when it was written down; more than 5 min after atMs marks it "added later". */
  recordedAtMs?: number;
  text: string;
  /** Starred (highlighted) entries make up the postmortem timeline. */
  starred?: boolean;
};

export type PostmortemDoc = {
  title: string;
  incidentId: string;
  severity: Severity;
  status: ReviewStatus;
  revision: number;
  authors: readonly string[];
  reviewers: readonly string[];
  services: readonly string[];
  instants: IncidentInstants;
  publishedAtMs?: number | null;
  summary: string;
  rootCause: string;
  impact: string;
  whatWentWell: string;
  whatWentPoorly: string;
  timeline: readonly TimelineEntry[];
  actionItems: readonly ActionItem[];
  /**
   * Impact computed from Prometheus, one row per affected SLO, rendered as a table at the top of the
   * Impact section (before the narrative). Omitted: the section is the narrative only; empty: says that
   * no SLO was linked.
   */
  impactTable?: readonly ImpactRow[];
};

/** One SLO's computed impact over the incident window (see impact.ts for the math). */
export type ImpactRow = {
  slo: string;
  service: string;
  /** Epoch ms of the incident window [fromMs, toMs]. */
  fromMs: number;
  toMs: number;
  failed: number;
  total: number;
  /** Worst step's failed/total; null without traffic. */
  peakErrorRatio: number | null;
  /** Share of the SLO window's error budget (1 = all of it); null when not computable. */
  budgetConsumed: number | null;
  /** Epoch ms when it was computed. */
  computedAtMs: number;
};

export type MarkdownOptions = {
  /** "starred" (default): only starred entries; "all": every entry, starred ones marked with ★. */
  timeline?: "starred" | "all";
};

const ADDED_LATER_MS = 5 * 60 * 1000;

const isoOrNull = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? "null" : yamlString(new Date(ms).toISOString());

/** "2d 3h 5m", "1h 0m", "25m", "40s"; whole seconds, floor. */
export function formatDurationMs(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  return hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m`;
}

// Code-unit comparison, not localeCompare: the order must not depend on the runtime's ICU data.
const compareIds = (a = "", b = ""): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order: occurred, then recorded, then id, then input position (Dispatch PR #4240 lesson). */
const sortTimeline = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        a.entry.atMs - b.entry.atMs ||
        (a.entry.recordedAtMs ?? a.entry.atMs) - (b.entry.recordedAtMs ?? b.entry.atMs) ||
        compareIds(a.entry.id, b.entry.id) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);

const utcStamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

function timelineLines(entries: readonly TimelineEntry[], mode: "starred" | "all"): string[] {
  const shown = sortTimeline(entries).filter((entry) => mode === "all" || entry.starred === true);
  if (shown.length === 0) return [mode === "all" ? "_No timeline entries._" : "_No starred timeline entries._"];
  return shown.map((entry) => {
    const star = mode === "all" && entry.starred === true ? "★ " : "";
    const late =
      entry.recordedAtMs !== undefined && entry.recordedAtMs - entry.atMs > ADDED_LATER_MS ? " _(added later)_" : "";
    return `- ${utcStamp(entry.atMs)} - ${star}${escapeInline(entry.text)}${late}`;
  });
}

function actionItemLines(items: readonly ActionItem[]): string[] {
  if (items.length === 0) return ["_No action items._"];
  const row = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [
    row(["Action", "Owner", "Priority", "Type", "Due date", "Status"]),
    row(["------", "-----", "--------", "----", "--------", "------"]),
    ...items.map((item) =>
      row([
        escapeTableCell(item.title),
        item.owner === null || item.owner.trim() === "" ? "—" : escapeTableCell(item.owner),
        item.priority,
        item.type,
        item.dueDate ?? "—",
        item.status,
      ]),
    ),
  ];
}

/** A count as plain digits (no locale): integers exactly, others with 6 significant digits. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = Math.round(value);
  if (Math.abs(value - rounded) <= 1e-6 * Math.max(1, Math.abs(value))) return String(rounded);
  return String(Number(value.toPrecision(6)));
}

/** A ratio as a percentage with 4 significant digits ("10%", "27.78%"); null → "—". */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  return `${String(Number((ratio * 100).toPrecision(4)))}%`;
}

function impactLines(rows: readonly ImpactRow[] | undefined): string[] {
  if (rows === undefined) return [];
  if (rows.length === 0) return ["_No SLO is linked to the affected services; the impact below is not computed._", ""];
  const row = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const computedAt = Math.max(...rows.map((r) => r.computedAtMs));
  return [
    row(["SLO", "Service", "Window (UTC)", "Failed requests", "Total requests", "Peak error ratio", "Budget consumed"]),
    row(["---", "-------", "------------", "---------------", "--------------", "----------------", "---------------"]),
    ...rows.map((r) =>
      row([
        escapeTableCell(r.slo),
        escapeTableCell(r.service),
        `${utcStamp(r.fromMs)} → ${utcStamp(r.toMs)}`,
        formatCount(r.failed),
        formatCount(r.total),
        formatPercent(r.peakErrorRatio),
        formatPercent(r.budgetConsumed),
      ]),
    ),
    "",
    `_Computed from Prometheus at ${utcStamp(computedAt)} UTC; budget consumed is a share of the SLO window's error budget._`,
    "",
  ];
}

/** Renders a postmortem as Markdown with YAML front matter; byte-identical for identical input. */
export function postmortemToMarkdown(doc: PostmortemDoc, options: MarkdownOptions = {}): string {
  const { instants } = doc;
  const firstInstant = instants.impactStart ?? instants.detected ?? instants.resolved ?? null;
  const impactMs = incidentDurations(instants).totalImpactMs;
  const names = (list: readonly string[]): string => (list.length === 0 ? "—" : list.map(escapeInline).join(", "));
  const section = (title: string, body: string): string[] => [`### ${title}`, normalizeBlock(body), ""];

  const lines = [
    "---",
    `title: ${yamlString(doc.title)}`,
    `incident: ${yamlString(doc.incidentId)}`,
    `severity: ${yamlString(doc.severity)}`,
    `status: ${yamlString(doc.status)}`,
    `revision: ${doc.revision}`,
    `impact_start: ${isoOrNull(instants.impactStart)}`,
    `detected: ${isoOrNull(instants.detected)}`,
    `acknowledged: ${isoOrNull(instants.acknowledged)}`,
    `mitigated: ${isoOrNull(instants.mitigated)}`,
    `impact_end: ${isoOrNull(instants.impactEnd)}`,
    `resolved: ${isoOrNull(instants.resolved)}`,
    `published: ${isoOrNull(doc.publishedAtMs)}`,
    `authors: ${yamlList(doc.authors)}`,
    `reviewers: ${yamlList(doc.reviewers)}`,
    `services: ${yamlList(doc.services)}`,
    "---",
    "",
    `## Incident Report: ${escapeInline(doc.title)}`,
    `**Date**: ${firstInstant === null ? "—" : new Date(firstInstant).toISOString().slice(0, 10)}`,
    `**Duration**: ${impactMs === null ? "—" : formatDurationMs(impactMs)}`,
    `**Severity**: ${doc.severity}`,
    `**Author**: ${names(doc.authors)}`,
    `**Reviewers**: ${names(doc.reviewers)}`,
    "",
    ...section("Summary", doc.summary),
    "### Timeline (all times UTC)",
    ...timelineLines(doc.timeline, options.timeline ?? "starred"),
    "",
    ...section("Root cause", doc.rootCause),
    "### Impact",
    ...impactLines(doc.impactTable),
    normalizeBlock(doc.impact),
    "",
    ...section("What went well", doc.whatWentWell),
    ...section("What went poorly", doc.whatWentPoorly),
    "### Action items",
    ...actionItemLines(doc.actionItems),
  ];
  return `${lines.join("\n")}\n`;
}
