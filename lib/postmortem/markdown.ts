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
    const late = entry.recordedAtMs !== undefined && entry.recordedAtMs - entry.atMs > ADDED_LATER_MS ? " _(added later)_" : "";
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
    ...section("Impact", doc.impact),
    ...section("What went well", doc.whatWentWell),
    ...section("What went poorly", doc.whatWentPoorly),
    "### Action items",
    ...actionItemLines(doc.actionItems),
  ];
  return `${lines.join("\n")}\n`;
}
