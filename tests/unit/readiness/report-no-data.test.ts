import { describe, expect, it } from "vitest";
import {
  reportToCsv,
  reportToMarkdown,
  sloCells,
  sloState,
  sloSummaryText,
  summarizeSlos,
  type ReportSlo,
} from "@/lib/readiness";
import { marchReport } from "./report-fixture";

// Issue 11 items 5 and 15: an SLO without data in the period is "no data", never "0 overspent"/healthy, and
// an SLO awaiting its first sign-off shows its proposed objective marked pending, never "0.000 %".

const base: Omit<
  ReportSlo,
  "id" | "name" | "state" | "objective" | "good" | "total" | "bad" | "sli" | "budgetConsumed"
> = {
  window: "rolling 30 d",
  versions: [1],
  allowedBad: 0,
  hoursWithData: 0,
  hoursInPeriod: 743,
  freezeAtOrBelow: 0,
  policyScope: "default",
  daysFrozen: 0,
  daysEvaluated: 31,
  incidentBudgetConsumed: 0,
  daily: [],
};
const healthy: ReportSlo = {
  ...base,
  id: "a",
  name: "api-availability",
  state: "reported",
  objective: 0.999,
  good: 999_900,
  total: 1_000_000,
  bad: 100,
  sli: 0.9999,
  allowedBad: 1000,
  budgetConsumed: 0.1,
  hoursWithData: 743,
};
const overspent: ReportSlo = { ...healthy, id: "b", name: "api-latency", budgetConsumed: 1.5, sli: 0.9985 };
const quiet: ReportSlo = {
  ...base,
  id: "c",
  name: "web-latency",
  state: "no_data",
  objective: 0.99,
  good: 0,
  total: 0,
  bad: 0,
  sli: null,
  budgetConsumed: null,
};
const quiet2: ReportSlo = { ...quiet, id: "d", name: "web-availability" };
const pending: ReportSlo = {
  ...base,
  id: "e",
  name: "web-unsigned",
  state: "pending_sign_off",
  objective: 0.995,
  versions: [],
  daysEvaluated: 0,
  good: 0,
  total: 0,
  bad: 0,
  sli: null,
  budgetConsumed: null,
};

const services = [
  { slug: "api", name: "API", tier: 1, slos: [healthy, overspent] },
  { slug: "web", name: "Web", tier: 2, slos: [quiet, quiet2, pending] },
];

describe("SLO state in a report", () => {
  it("signed off with traffic is reported, without traffic no data, without a signed-off version pending sign-off", () => {
    expect(sloState(true, 10)).toBe("reported");
    expect(sloState(true, 0)).toBe("no_data");
    expect(sloState(false, 0)).toBe("pending_sign_off");
  });

  it("the summary counts no-data and pending SLOs separately; overspent counts only SLOs with data", () => {
    const s = summarizeSlos(services);
    expect(s).toEqual({ slos: 5, reported: 2, noData: 2, pendingSignOff: 1, overspent: 1 });
    expect(sloSummaryText(s)).toBe(
      "1 of 2 SLO(s) with data overspent their budget; 2 of 5 SLO(s) had no data; 1 pending sign-off (proposed objective shown, no figures).",
    );
  });

  it("a team whose SLOs all lack data is not told '0 overspent'", () => {
    const text = sloSummaryText(summarizeSlos([{ slos: [quiet, quiet2] }]));
    expect(text).toBe("No SLO had data; 2 of 2 SLO(s) had no data.");
    expect(text).not.toMatch(/0 .*overspent/);
  });

  it("cells say 'no data' and 'pending sign-off' instead of dashes and 0 %", () => {
    expect(sloCells(quiet)).toEqual({ objective: "99.000 %", sli: "no data", budgetConsumed: "no data" });
    expect(sloCells(pending)).toEqual({
      objective: "99.500 % (pending sign-off)",
      sli: "pending sign-off",
      budgetConsumed: "pending sign-off",
    });
    expect(sloCells(healthy)).toEqual({ objective: "99.900 %", sli: "99.990 %", budgetConsumed: "10.0 %" });
  });
});

describe("exports agree with the screen", () => {
  const report = marchReport(services);

  it("Markdown: the summary sentence, 'no data' rows and the proposed objective marked pending", () => {
    const md = reportToMarkdown(report);
    expect(md).toContain(sloSummaryText(report.sloSummary));
    expect(md).toContain("| web | web-latency | 99.000 % | no data | 0 | 0 | no data | — | 0.0 % |");
    expect(md).toContain(
      "| web | web-unsigned | 99.500 % (pending sign-off) | pending sign-off | 0 | 0 | pending sign-off | — | 0.0 % |",
    );
    expect(md).not.toContain("0.000 %");
  });

  it("CSV: each SLO's state and the summary counts", () => {
    const lines = reportToCsv(report).split("\r\n");
    expect(lines).toContain("slo,web,web-latency,,state,no_data");
    expect(lines).toContain("slo,web,web-unsigned,,state,pending_sign_off");
    expect(lines).toContain("slo,web,web-unsigned,,objective,0.995");
    expect(lines).toContain("slo,api,api-latency,,state,reported");
    expect(lines).toContain("slo_summary,,,,no_data,2");
    expect(lines).toContain("slo_summary,,,,pending_sign_off,1");
    expect(lines).toContain("slo_summary,,,,overspent,1");
  });
});
