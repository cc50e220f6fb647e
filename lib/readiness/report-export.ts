import { toCsv } from "@/lib/csv";
import { escapeInline, escapeTableCell } from "@/lib/postmortem";
import { sloSummaryText, type ReportSlo, type TeamReport } from "./report";

// CSV and Markdown renderings of a TeamReport. CSV (written by lib/csv, formula-safe) is one tidy table
// (section, service, slo, subject, metric, value) so every figure lands in one sheet and can be pivoted;
// Markdown is for reading and pasting into a review document.

export const CSV_HEADER = ["section", "service", "slo", "subject", "metric", "value"] as const;

export function reportToCsv(r: TeamReport): string {
  const rows: (string | number | boolean | null)[][] = [];
  const add = (
    section: string,
    service: string,
    slo: string,
    subject: string,
    metric: string,
    value: string | number | boolean | null,
  ) => rows.push([section, service, slo, subject, metric, value]);
  for (const [metric, value] of [
    ["slos", r.sloSummary.slos],
    ["reported", r.sloSummary.reported],
    ["no_data", r.sloSummary.noData],
    ["pending_sign_off", r.sloSummary.pendingSignOff],
    ["overspent", r.sloSummary.overspent],
  ] as const)
    add("slo_summary", "", "", "", metric, value);
  for (const s of r.services) {
    for (const o of s.slos) {
      const m: [string, number | string | null][] = [
        ["state", o.state],
        ["objective", o.objective],
        ["window", o.window],
        ["sli", o.sli],
        ["good", o.good],
        ["total", o.total],
        ["bad", o.bad],
        ["allowed_bad", o.allowedBad],
        ["budget_consumed", o.budgetConsumed],
        ["days_frozen", o.daysFrozen],
        ["days_evaluated", o.daysEvaluated],
        ["freeze_at_or_below", o.freezeAtOrBelow],
        ["hours_with_data", o.hoursWithData],
        ["hours_in_period", o.hoursInPeriod],
        ["incident_budget_consumed", o.incidentBudgetConsumed],
      ];
      for (const [metric, value] of m) add("slo", s.slug, o.name, "", metric, value);
      for (const d of o.daily) {
        add("slo_day", s.slug, o.name, d.date, "sli", d.sli);
        add("slo_day", s.slug, o.name, d.date, "remaining_end_of_day", d.remaining);
        add("slo_day", s.slug, o.name, d.date, "frozen", d.evaluated ? d.frozen : null);
      }
    }
  }
  for (const s of r.incidents.bySeverity) {
    add("severity", "", "", s.severity, "incidents", s.count);
    add("severity", "", "", s.severity, "budget_consumed", s.budgetConsumed);
  }
  for (const i of r.incidents.items) {
    const key = `INC-${i.number}`;
    const m: [string, string | number | null][] = [
      ["title", i.title],
      ["severity", i.severity],
      ["status", i.status],
      ["started_at", i.startedAt],
      ["resolved_at", i.resolvedAt],
      ["services", i.services.join(" ")],
      ["budget_consumed", i.budgetConsumed],
      ["postmortem", i.postmortem.timeliness],
      ["postmortem_due_at", i.postmortem.dueAt],
      ["postmortem_published_at", i.postmortem.publishedAt],
    ];
    for (const [metric, value] of m) add("incident", "", "", key, metric, value);
    for (const imp of i.impacts)
      add("incident_impact", imp.serviceSlug, imp.sloName, key, "budget_consumed", imp.budgetConsumed);
  }
  for (const [metric, value] of Object.entries(r.postmortems)) add("postmortems", "", "", "", metric, value);
  const a = r.actionItems;
  for (const [metric, value] of [
    ["opened", a.opened],
    ["closed", a.closed],
    ["wont_do", a.wontDo],
    ["overdue", a.overdue],
    ["overdue_p0_p1", a.overdueHighPriority],
  ] as const)
    add("action_items", "", "", "", metric, value);
  for (const o of a.overdueItems)
    add("action_item_overdue", "", "", o.title, o.priority, `${o.dueDate} ${o.dueTimezone}`);
  add("oncall", "", "", "", "pages_for_team_services", r.oncall.pagesForTeamServices);
  for (const s of r.oncall.schedules) {
    for (const [metric, value] of [
      ["shifts", s.shifts.length],
      ["pages", s.pages],
      ["pages_per_shift", s.pagesPerShift],
      ["max_pages_in_shift", s.maxPagesInShift],
      ["shifts_over_limit", s.shiftsOverLimit],
      ["sleep_hour_pages", s.sleepHourPages],
    ] as const) {
      add("oncall_schedule", "", "", s.name, metric, value);
    }
    for (const p of s.people) {
      const subject = `${s.name} / ${p.user.name}`;
      add("oncall_person", "", "", subject, "shifts", p.shifts);
      add("oncall_person", "", "", subject, "hours_on_call", Math.round(p.hoursOnCall * 100) / 100);
      add("oncall_person", "", "", subject, "pages", p.pages);
      add("oncall_person", "", "", subject, "sleep_hour_pages", p.sleepHourPages);
    }
  }
  return toCsv(CSV_HEADER, rows);
}

const pct = (v: number | null, digits = 1) => (v === null ? "—" : `${(v * 100).toFixed(digits)} %`);
const num = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(2));
const row = (cells: (string | number)[]) => `| ${cells.map((c) => escapeTableCell(String(c))).join(" | ")} |`;
const table = (head: string[], body: (string | number)[][]) =>
  [row(head), `|${head.map(() => " --- ").join("|")}|`, ...body.map(row)].join("\n");

/** An SLO's cells as the screen shows them: "no data" instead of 0-based figures, the proposed objective marked. */
export function sloCells(o: Pick<ReportSlo, "state" | "objective" | "sli" | "budgetConsumed">): {
  objective: string;
  sli: string;
  budgetConsumed: string;
} {
  const objective = `${pct(o.objective, 3)}${o.state === "pending_sign_off" ? " (pending sign-off)" : ""}`;
  if (o.state === "pending_sign_off") return { objective, sli: "pending sign-off", budgetConsumed: "pending sign-off" };
  if (o.state === "no_data") return { objective, sli: "no data", budgetConsumed: "no data" };
  return { objective, sli: pct(o.sli, 3), budgetConsumed: pct(o.budgetConsumed) };
}

export function reportToMarkdown(r: TeamReport): string {
  const out: string[] = [];
  out.push(`# ${escapeInline(r.team.name)}: reliability report ${r.period.key}`);
  out.push(
    `Period ${r.period.firstDay} to ${r.period.lastDay} in ${r.period.timezone} (${r.period.start} – ${r.period.end})${r.period.partial ? `, figures up to ${r.period.evaluatedUntil}` : ""}. Generated ${r.generatedAt}.`,
  );
  out.push("## SLOs");
  if (r.sloSummary.slos) out.push(sloSummaryText(r.sloSummary));
  const sloRows = r.services.flatMap((s) =>
    s.slos.map((o) => {
      const c = sloCells(o);
      return [
        s.slug,
        o.name,
        c.objective,
        c.sli,
        num(o.total),
        num(o.bad),
        c.budgetConsumed,
        o.state === "reported" ? `${o.daysFrozen} / ${o.daysEvaluated}` : "—",
        pct(o.incidentBudgetConsumed),
      ];
    }),
  );
  out.push(
    sloRows.length
      ? table(
          ["Service", "SLO", "Objective", "SLI", "Events", "Bad", "Budget consumed", "Days frozen", "Incident budget"],
          sloRows,
        )
      : "_No SLOs._",
  );
  out.push("## Incidents");
  out.push(
    table(
      ["Severity", "Incidents", "Budget consumed"],
      r.incidents.bySeverity.map((s) => [s.severity, s.count, pct(s.budgetConsumed)]),
    ),
  );
  if (r.incidents.items.length) {
    out.push(
      table(
        ["Incident", "Severity", "Title", "Started", "Services", "Budget consumed", "Postmortem"],
        r.incidents.items.map((i) => [
          `INC-${i.number}`,
          i.severity,
          i.title,
          i.startedAt,
          i.services.join(", "),
          pct(i.budgetConsumed),
          i.postmortem.timeliness.replace("_", " "),
        ]),
      ),
    );
  }
  out.push("## Postmortems");
  const p = r.postmortems;
  out.push(
    table(
      ["Required", "On time", "Late", "Missing", "Pending", "Unresolved"],
      [[p.required, p.on_time, p.late, p.missing, p.pending, p.unresolved]],
    ),
  );
  out.push("## Action items");
  const a = r.actionItems;
  out.push(
    table(
      ["Opened", "Closed", "Won't do", "Overdue", "Overdue P0/P1"],
      [[a.opened, a.closed, a.wontDo, a.overdue, a.overdueHighPriority]],
    ),
  );
  if (a.overdueItems.length)
    out.push(
      a.overdueItems
        .map((o) => `- ${o.priority} ${escapeInline(o.title)} (due ${o.dueDate} ${o.dueTimezone})`)
        .join("\n"),
    );
  out.push("## On-call load");
  out.push(`Pages for the team's services: ${r.oncall.pagesForTeamServices}.`);
  if (r.oncall.schedules.length) {
    out.push(
      table(
        [
          "Schedule",
          "Shifts",
          "Pages",
          "Pages per shift",
          "Max in a shift",
          `Shifts over ${r.oncall.schedules[0]!.limitPerShift}`,
          "Sleep-hour pages",
        ],
        r.oncall.schedules.map((s) => [
          s.name,
          s.shifts.length,
          s.pages,
          num(s.pagesPerShift),
          s.maxPagesInShift,
          s.shiftsOverLimit,
          s.sleepHourPages,
        ]),
      ),
    );
    const people = r.oncall.schedules.flatMap((s) =>
      s.people.map((x) => [s.name, x.user.name, x.shifts, num(x.hoursOnCall), x.pages, x.sleepHourPages]),
    );
    if (people.length) out.push(table(["Schedule", "Person", "Shifts", "Hours", "Pages", "Sleep-hour pages"], people));
  } else out.push("_The team has no on-call schedule._");
  out.push("## Definitions");
  out.push(
    Object.entries(r.definitions)
      .map(([k, v]) => `- **${k}**: ${escapeInline(v)}`)
      .join("\n"),
  );
  return out.join("\n\n") + "\n";
}
