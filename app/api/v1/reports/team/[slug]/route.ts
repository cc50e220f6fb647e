import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { renderTeamReport } from "@/lib/services/reports/team-report";
import { teamReportQuerySchema } from "@/lib/validation/reports";

// GET /api/v1/reports/team/{slug}?period=2027-03|2027-Q1&tz=Europe/Berlin&format=json|csv|md – the manager
// report of a team over a calendar month or quarter (CSV and Markdown as downloads).
export const GET = apiRoute("/api/v1/reports/team/[slug]", async ({ req, params, actor }) => {
  const out = await renderTeamReport(actor, params.slug!, parseQuery(req, teamReportQuerySchema));
  if ("json" in out) return out.json;
  return new Response(out.body, {
    headers: { "content-type": out.contentType, "content-disposition": `attachment; filename="${out.filename}"` },
  });
});
