import { REPORT_DEFINITIONS, summarizeSlos, type TeamReport } from "@/lib/readiness";

/** A March 2026 report of team "commerce" (Europe/Berlin) with nothing in it but `services`. */
export function marchReport(services: TeamReport["services"]): TeamReport {
  return {
    team: { slug: "commerce", name: "Commerce", timezone: "Europe/Berlin" },
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
    services,
    sloSummary: summarizeSlos(services),
    incidents: { total: 0, bySeverity: [], items: [] },
    postmortems: { required: 0, on_time: 0, late: 0, missing: 0, pending: 0, unresolved: 0 },
    actionItems: { opened: 0, closed: 0, wontDo: 0, overdue: 0, overdueHighPriority: 0, overdueItems: [] },
    oncall: { pagesForTeamServices: 0, schedules: [] },
    definitions: REPORT_DEFINITIONS,
  };
}
