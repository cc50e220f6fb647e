import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { escapeTableCell, formatDurationMs, postmortemToMarkdown, type PostmortemDoc } from "@/lib/postmortem";

const t = (hhmm: string): number => Date.parse(`2024-01-15T${hhmm}:00Z`);

const doc: PostmortemDoc = {
  title: "Checkout errors: DB pool exhausted",
  incidentId: "INC-42",
  severity: "SEV-2",
  status: "published",
  revision: 3,
  authors: ["Alice"],
  reviewers: ["Bob", "Carol"],
  services: ["checkout"],
  instants: {
    impactStart: t("14:00"),
    detected: t("14:00"),
    acknowledged: t("14:03"),
    mitigated: t("14:25"),
    resolved: t("14:30"),
  },
  publishedAtMs: Date.parse("2024-01-19T10:00:00Z"),
  summary: "Checkout returned errors for 25 minutes.\r\n",
  rootCause: "The pool was sized for 50 connections.",
  impact: "- ~3,200 failed requests\n- No data loss",
  whatWentWell: "Alert fired within 3 minutes.",
  whatWentPoorly: "",
  timeline: [
    { id: "b", atMs: t("14:20"), text: "Mitigation applied", starred: true },
    { id: "c", atMs: t("14:10"), text: "Chatter", starred: false },
    { id: "a", atMs: t("14:00"), text: "Alert fires: error rate > 5%", starred: true },
    { id: "d", atMs: t("14:03"), recordedAtMs: t("14:40"), text: "On-call acknowledges", starred: true },
  ],
  actionItems: [
    {
      title: "Add pool metrics | dashboard",
      owner: "Alice",
      priority: "P1",
      type: "detect",
      status: "open",
      dueDate: "2024-02-01",
      dueTimezone: "UTC",
    },
    {
      title: "Write <runbook>",
      owner: null,
      priority: "P3",
      type: "repair",
      status: "wont_do",
      dueDate: null,
      dueTimezone: null,
      wontDoReason: "dup",
    },
  ],
};

const expected = `---
title: "Checkout errors: DB pool exhausted"
incident: "INC-42"
severity: "SEV-2"
status: "published"
revision: 3
impact_start: "2024-01-15T14:00:00.000Z"
detected: "2024-01-15T14:00:00.000Z"
acknowledged: "2024-01-15T14:03:00.000Z"
mitigated: "2024-01-15T14:25:00.000Z"
impact_end: null
resolved: "2024-01-15T14:30:00.000Z"
published: "2024-01-19T10:00:00.000Z"
authors: ["Alice"]
reviewers: ["Bob", "Carol"]
services: ["checkout"]
---

## Incident Report: Checkout errors: DB pool exhausted
**Date**: 2024-01-15
**Duration**: 25m
**Severity**: SEV-2
**Author**: Alice
**Reviewers**: Bob, Carol

### Summary
Checkout returned errors for 25 minutes.

### Timeline (all times UTC)
- 2024-01-15 14:00:00 - Alert fires: error rate &gt; 5%
- 2024-01-15 14:03:00 - On-call acknowledges _(added later)_
- 2024-01-15 14:20:00 - Mitigation applied

### Root cause
The pool was sized for 50 connections.

### Impact
- ~3,200 failed requests
- No data loss

### What went well
Alert fired within 3 minutes.

### What went poorly
_Not provided._

### Action items
| Action | Owner | Priority | Type | Due date | Status |
| ------ | ----- | -------- | ---- | -------- | ------ |
| Add pool metrics \\| dashboard | Alice | P1 | detect | 2024-02-01 | open |
| Write &lt;runbook&gt; | — | P3 | repair | — | wont_do |
`;

describe("postmortemToMarkdown", () => {
  it("renders front matter and the source template's sections exactly", () => {
    expect(postmortemToMarkdown(doc)).toBe(expected);
  });

  it("is byte-identical across calls and independent of the timeline's input order", () => {
    const reordered = { ...doc, timeline: [...doc.timeline].reverse() };
    expect(postmortemToMarkdown(reordered)).toBe(postmortemToMarkdown(doc));
  });

  it("writes front matter that parses as YAML", () => {
    const frontMatter = postmortemToMarkdown({ ...doc, title: 'Quote " and: colon' }).split("---\n")[1] ?? "";
    expect(parse(frontMatter)).toMatchObject({
      title: 'Quote " and: colon',
      revision: 3,
      impact_end: null,
      reviewers: ["Bob", "Carol"],
    });
  });

  it("can list every timeline entry, marking starred ones, in a stable order for equal instants", () => {
    const markdown = postmortemToMarkdown(
      {
        ...doc,
        timeline: [
          { id: "z", atMs: t("14:00"), text: "second", starred: false },
          { id: "y", atMs: t("14:00"), text: "first", starred: true },
        ],
      },
      { timeline: "all" },
    );
    expect(markdown).toContain("- 2024-01-15 14:00:00 - ★ first\n- 2024-01-15 14:00:00 - second\n");
  });

  it("says so when nothing is starred and there are no action items", () => {
    const markdown = postmortemToMarkdown({ ...doc, timeline: [], actionItems: [] });
    expect(markdown).toContain("### Timeline (all times UTC)\n_No starred timeline entries._\n");
    expect(markdown.endsWith("### Action items\n_No action items._\n")).toBe(true);
  });
});

describe("markdown helpers", () => {
  it.each([
    ["a | b", "a \\| b"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines", "two lines"],
    ["<b>&", "&lt;b&gt;&amp;"],
  ])("escapeTableCell(%j) = %j", (input, output) => {
    expect(escapeTableCell(input)).toBe(output);
  });

  it.each([
    [40_000, "40s"],
    [25 * 60_000, "25m"],
    [65 * 60_000, "1h 5m"],
    [(26 * 60 + 3) * 60_000, "1d 2h 3m"],
  ])("formatDurationMs(%i) = %s", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
