import { scorecardQuerySchema, teamReportQuerySchema } from "@/lib/validation/reports";
import { homeView, scorecardView } from "@/lib/validation/views/reports";
import { teamReportView } from "@/lib/validation/views/team-report";
import { operationsOf, type Operation } from "../registry";

// Home, readiness scorecard and manager reports (docs/readiness.md).
const report = operationsOf("Reports");
export const reportRoutes: Operation[] = [
  report("GET", "/api/v1/home", "What needs attention in my teams (admins: all)", {
    description:
      "SLOs at risk or frozen under their error-budget policy or with a firing burn-rate alert, who is on call now per schedule, open incidents and pages, SEV-1/2 postmortems due or overdue, overdue action items. Each item carries `href`, the page where it is handled.",
    response: { schema: homeView },
  }),
  report("GET", "/api/v1/scorecard", "Readiness checklist per service, rolled up per team", {
    description:
      "Six computed checks per service: SLOs signed off, runbooks on alerting SLOs, agreed budget policy, escalation with ≥ 2 steps and gap-free schedules for 30 days, SEV-1/2 postmortems on time (last 90 days), no overdue P0/P1 action item. Each check: pass/fail, reason, details and a link to fix it.",
    query: scorecardQuerySchema,
    response: { schema: scorecardView },
  }),
  report("GET", "/api/v1/reports/team/{slug}", "Manager report of a team over a month or quarter", {
    description:
      "Per service and SLO: SLI, budget consumed and days frozen from the hourly rollups; incidents by severity with budget impact; postmortem timeliness; action items opened/closed/overdue; on-call load (pages per shift, sleep-hour pages). `format=csv` (tidy: section,service,slo,subject,metric,value) and `format=md` answer a download.",
    params: { slug: "team slug" },
    query: teamReportQuerySchema,
    response: {
      description: "format=json: the report (JSON); format=csv: text/csv; format=md: text/markdown (attachments)",
      schema: teamReportView,
      otherContentTypes: ["text/csv", "text/markdown"],
    },
  }),
];
