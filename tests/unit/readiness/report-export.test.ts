import { describe, expect, it } from "vitest";
import { CSV_HEADER, REPORT_DEFINITIONS, reportToCsv, reportToMarkdown, type TeamReport } from "@/lib/readiness";

const report: TeamReport = {
  team: { slug: "commerce", name: "Commerce <core>", timezone: "Europe/Berlin" },
  period: {
    key: "2026-03",
    kind: "month",
    timezone: "Europe/Berlin",
    start: "2026-02-28T23:00:00.000Z",
    end: "2026-03-31T22:00:00.000Z",
    firstDay: "2026-03-01",
    lastDay: "2026-03-31",
    evaluatedUntil: "2026-03-31T22:00:00.000Z",
    partial: false,
    days: 31,
  },
  generatedAt: "2026-04-02T08:00:00.000Z",
  services: [
    {
      slug: "checkout",
      name: "Checkout",
      tier: 1,
      slos: [
        {
          id: "s1",
          name: 'availability, "core"',
          state: "reported",
          objective: 0.999,
          window: "rolling 30 d",
          versions: [1],
          good: 999_500,
          total: 1_000_000,
          bad: 500,
          sli: 0.9995,
          allowedBad: 1000,
          budgetConsumed: 0.5,
          hoursWithData: 743,
          hoursInPeriod: 743,
          freezeAtOrBelow: 0,
          policyScope: "team",
          daysFrozen: 2,
          daysEvaluated: 31,
          incidentBudgetConsumed: 0.25,
          daily: [{ date: "2026-03-01", sli: 0.9995, total: 1000, remaining: -0.5, frozen: true, evaluated: true }],
        },
      ],
    },
  ],
  sloSummary: { slos: 1, reported: 1, noData: 0, pendingSignOff: 0, overspent: 0 },
  incidents: {
    total: 1,
    bySeverity: [
      { severity: "SEV-1", count: 0, budgetConsumed: 0 },
      { severity: "SEV-2", count: 1, budgetConsumed: 0.25 },
      { severity: "SEV-3", count: 0, budgetConsumed: 0 },
    ],
    items: [
      {
        number: 4,
        title: "=cmd|' /C calc'!A0",
        severity: "SEV-2",
        status: "resolved",
        startedAt: "2026-03-05T10:00:00.000Z",
        resolvedAt: "2026-03-05T12:00:00.000Z",
        services: ["checkout"],
        impacts: [{ sloId: "s1", sloName: "availability", serviceSlug: "checkout", budgetConsumed: 0.25 }],
        budgetConsumed: 0.25,
        postmortem: {
          timeliness: "on_time",
          dueAt: "2026-03-12T22:59:59.999Z",
          publishedAt: "2026-03-10T10:00:00.000Z",
        },
      },
    ],
  },
  postmortems: { required: 1, on_time: 1, late: 0, missing: 0, pending: 0, unresolved: 0 },
  actionItems: {
    opened: 2,
    closed: 1,
    wontDo: 0,
    overdue: 1,
    overdueHighPriority: 1,
    overdueItems: [
      {
        id: "a",
        title: "Retry | budget",
        priority: "P1",
        dueDate: "2026-03-20",
        dueTimezone: "Europe/Berlin",
        dueAt: "2026-03-20T22:59:59.999Z",
      },
    ],
  },
  oncall: {
    pagesForTeamServices: 3,
    schedules: [
      {
        id: "sch",
        name: "Primary",
        timezone: "Europe/Berlin",
        shifts: [
          {
            user: { id: "u", name: "Ana", email: "ana@example.com" },
            start: "2026-03-02T08:00:00.000Z",
            end: "2026-03-09T08:00:00.000Z",
            pages: 3,
            sleepHourPages: 1,
          },
        ],
        people: [
          {
            user: { id: "u", name: "Ana", email: "ana@example.com" },
            shifts: 1,
            hoursOnCall: 168,
            pages: 3,
            sleepHourPages: 1,
          },
        ],
        pages: 3,
        sleepHourPages: 1,
        pagesPerShift: 3,
        maxPagesInShift: 3,
        shiftsOverLimit: 1,
        limitPerShift: 2,
        sleepWindow: { start: "22:00", end: "07:00", timezone: "Europe/Berlin" },
      },
    ],
  },
  definitions: REPORT_DEFINITIONS,
};

describe("report exports", () => {
  it("CSV: one tidy table, RFC 4180 quoting, bare numbers, formula-looking text defused with an apostrophe", () => {
    const csv = reportToCsv(report);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(lines).toContain('slo,checkout,"availability, ""core""",,budget_consumed,0.5');
    expect(lines).toContain('slo,checkout,"availability, ""core""",,sli,0.9995');
    expect(lines).toContain('slo_day,checkout,"availability, ""core""",2026-03-01,remaining_end_of_day,-0.5');
    expect(lines).toContain('slo_day,checkout,"availability, ""core""",2026-03-01,frozen,true');
    // Quotes alone do not stop a spreadsheet from running a formula; the leading apostrophe does.
    expect(lines).toContain(`incident,,,INC-4,title,'=cmd|' /C calc'!A0`);
    expect(lines).toContain("incident_impact,checkout,availability,INC-4,budget_consumed,0.25");
    expect(lines).toContain("severity,,,SEV-2,incidents,1");
    expect(lines).toContain("postmortems,,,,on_time,1");
    expect(lines).toContain("action_items,,,,overdue_p0_p1,1");
    expect(lines).toContain("oncall_schedule,,,Primary,sleep_hour_pages,1");
    expect(lines).toContain("oncall_person,,,Primary / Ana,hours_on_call,168");
    expect(csv.endsWith("\r\n")).toBe(true);
    // every row has six cells (quoted commas excluded)
    for (const line of lines.slice(1, -1)) expect(line.replace(/"([^"]|"")*"/g, "x").split(",")).toHaveLength(6);
  });

  it("Markdown: headings and tables, cells escaped", () => {
    const md = reportToMarkdown(report);
    expect(md.startsWith("# Commerce &lt;core&gt;: reliability report 2026-03\n")).toBe(true);
    expect(md).toContain(
      '| checkout | availability, "core" | 99.900 % | 99.950 % | 1000000 | 500 | 50.0 % | 2 / 31 | 25.0 % |',
    );
    expect(md).toContain("| SEV-2 | 1 | 25.0 % |");
    expect(md).toContain("| INC-4 | SEV-2 | =cmd\\|' /C calc'!A0 |");
    expect(md).toContain("- P1 Retry | budget (due 2026-03-20 Europe/Berlin)");
    expect(md).toContain("| Primary | 1 | 3 | 3 | 3 | 1 | 1 |");
    expect(md).toContain(
      "Period 2026-03-01 to 2026-03-31 in Europe/Berlin (2026-02-28T23:00:00.000Z – 2026-03-31T22:00:00.000Z). Generated 2026-04-02T08:00:00.000Z.",
    );
    expect(md).toContain("## Definitions");
  });
});
