import { describe, expect, it } from "vitest";
import { formatCount, formatPercent, postmortemToMarkdown, type PostmortemDoc } from "@/lib/postmortem";

const t = (iso: string): number => Date.parse(iso);

const base: PostmortemDoc = {
  title: "Search 503s",
  incidentId: "INC-7",
  severity: "SEV-2",
  status: "draft",
  revision: 1,
  authors: ["Alice"],
  reviewers: [],
  services: ["search"],
  instants: { impactStart: t("2024-03-01T10:00:00Z"), resolved: t("2024-03-01T12:00:00Z") },
  summary: "s",
  rootCause: "r",
  impact: "Users saw errors.",
  whatWentWell: "",
  whatWentPoorly: "",
  timeline: [],
  actionItems: [],
};

describe("impact table in the Markdown export", () => {
  it("renders one row per SLO with exact counts and percentages, then the narrative", () => {
    const markdown = postmortemToMarkdown({
      ...base,
      impactTable: [
        {
          slo: "search-availability",
          service: "search",
          fromMs: t("2024-03-01T10:00:00Z"),
          toMs: t("2024-03-01T12:00:00Z"),
          failed: 7200.0000001,
          total: 72000,
          peakErrorRatio: 0.1 + 1e-17,
          budgetConsumed: 7200 / 25920,
          computedAtMs: t("2024-03-04T09:30:00Z"),
        },
      ],
    });
    expect(markdown).toContain(
      [
        "### Impact",
        "| SLO | Service | Window (UTC) | Failed requests | Total requests | Peak error ratio | Budget consumed |",
        "| --- | ------- | ------------ | --------------- | -------------- | ---------------- | --------------- |",
        "| search-availability | search | 2024-03-01 10:00:00 → 2024-03-01 12:00:00 | 7200 | 72000 | 10% | 27.78% |",
        "",
        "_Computed from Prometheus at 2024-03-04 09:30:00 UTC; budget consumed is a share of the SLO window's error budget._",
        "",
        "Users saw errors.",
        "",
        "### What went well",
      ].join("\n"),
    );
  });

  it("says when no SLO is linked, and leaves the section unchanged when no table is given", () => {
    expect(postmortemToMarkdown({ ...base, impactTable: [] })).toContain(
      "### Impact\n_No SLO is linked to the affected services; the impact below is not computed._\n\nUsers saw errors.\n",
    );
    expect(postmortemToMarkdown(base)).toContain("### Impact\nUsers saw errors.\n\n### What went well");
  });

  it("escapes pipes in SLO names and is deterministic", () => {
    const doc = {
      ...base,
      impactTable: [
        {
          slo: "a|b",
          service: "s",
          fromMs: 0,
          toMs: 1000,
          failed: 1,
          total: 2,
          peakErrorRatio: null,
          budgetConsumed: null,
          computedAtMs: 0,
        },
      ],
    };
    expect(postmortemToMarkdown(doc)).toContain("| a\\|b | s |");
    expect(postmortemToMarkdown(doc)).toBe(postmortemToMarkdown(structuredClone(doc)));
  });
});

describe("number formatting", () => {
  it.each([
    [7200, "7200"],
    [7199.9999999, "7200"],
    [25_920_000, "25920000"],
    [1.23456789, "1.23457"],
    [Number.NaN, "—"],
  ])("formatCount(%d) = %s", (value, text) => expect(formatCount(value)).toBe(text));

  it.each([
    [0.1, "10%"],
    [0.2777777, "27.78%"],
    [12.5, "1250%"],
    [0, "0%"],
    [null, "—"],
  ])("formatPercent(%s) = %s", (value, text) => expect(formatPercent(value)).toBe(text));
});
