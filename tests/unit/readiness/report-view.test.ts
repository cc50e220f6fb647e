import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportBarChart } from "@/components/reports/bar-chart";
import { ReportView } from "@/components/reports/report-view";
import type { ReportSlo } from "@/lib/readiness";
import { marchReport } from "./report-fixture";

// The report screen with SLOs that have no data: it says so (summary, cells, charts) instead of drawing
// "0 overspent", bare axes or an objective of "0.000 %" (issue 11 items 5 and 15).

const slo = (extra: Partial<ReportSlo>): ReportSlo => ({
  id: "s",
  name: "s",
  state: "no_data",
  objective: 0.99,
  window: "rolling 30 d",
  versions: [1],
  good: 0,
  total: 0,
  bad: 0,
  sli: null,
  allowedBad: 0,
  budgetConsumed: null,
  hoursWithData: 0,
  hoursInPeriod: 743,
  freezeAtOrBelow: 0,
  policyScope: "default",
  daysFrozen: 0,
  daysEvaluated: 31,
  incidentBudgetConsumed: 0,
  daily: [{ date: "2026-03-01", sli: null, total: 0, remaining: null, frozen: false, evaluated: true }],
  ...extra,
});
const services = [
  {
    slug: "web",
    name: "Web",
    tier: 2,
    slos: [
      slo({ id: "a", name: "web-latency" }),
      slo({
        id: "b",
        name: "web-unsigned",
        state: "pending_sign_off",
        objective: 0.995,
        versions: [],
        daysEvaluated: 0,
        daily: [],
      }),
    ],
  },
];
const report = marchReport(services);

describe("report screen without data", () => {
  it("an empty bar chart says 'No data for this period' instead of drawing axes", () => {
    const html = renderToStaticMarkup(
      createElement(ReportBarChart, { bars: [], title: "Budget consumed in the period", unit: "percent" }),
    );
    expect(html).toContain("No data for this period");
    expect(html).not.toContain("recharts");
  });

  it("the summary counts the SLOs without data, cells say 'no data', the pending SLO shows its proposed objective", () => {
    const html = renderToStaticMarkup(createElement(ReportView, { report }));
    expect(html).toContain(
      "No SLO had data; 1 of 2 SLO(s) had no data; 1 pending sign-off (proposed objective shown, no figures).",
    );
    expect(html).not.toMatch(/0 overspent/);
    expect(html).toContain("no data");
    expect(html).toContain('99.500 % <span class="badge badge-info">pending sign-off</span>');
    expect(html).not.toContain("0.000 %");
    // Both SLO charts (budget consumed, remaining budget per day) have nothing to draw.
    expect(html.match(/No data for this period/g)).toHaveLength(2);
  });
});
