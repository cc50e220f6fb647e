import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { PeriodForm } from "@/components/reports/period-form";
import { PrintButton } from "@/components/reports/print-button";
import { ReportView } from "@/components/reports/report-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { isAppError } from "@/lib/errors";
import { previousMonthKey } from "@/lib/readiness";
import { teamReport } from "@/lib/services/reports/team-report";
import { teamBySlugForPage } from "@/lib/services/reports/team-lookup";
import { fieldErrors } from "@/lib/validation/common";
import { teamReportQuerySchema } from "@/lib/validation/reports";
import { load, textParam, type SearchParams } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Report: ${(await params).slug}` };
}

export default async function TeamReportPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await pageActor();
  const { slug } = await params;
  const sp = await searchParams;
  const found = await load(() => teamBySlugForPage(actor, slug));
  if (!found.ok) return <Forbidden title="Report" message={found.forbidden} />;
  const team = found.data;
  const raw = { period: textParam(sp.period) ?? previousMonthKey(Date.now(), team.timezone), tz: textParam(sp.tz) };
  const parsed = teamReportQuerySchema.safeParse(raw);
  let errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  let report = null;
  if (parsed.success) {
    try {
      report = await teamReport(actor, slug, parsed.data);
    } catch (err) {
      if (!isAppError(err) || err.code !== "VALIDATION") throw err;
      errors = err.fields ?? { period: err.message };
    }
  }
  const tz = raw.tz ?? team.timezone;
  const query = new URLSearchParams({ period: raw.period, tz });
  const exportHref = (format: string) => `/api/v1/reports/team/${slug}?${query}&format=${format}`;
  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/reports", label: "Reports" },
          { href: `/teams/${slug}`, label: team.name },
        ]}
        title={`${team.name}: ${raw.period}`}
        description={
          report
            ? `${report.period.firstDay} to ${report.period.lastDay} in ${report.period.timezone}${report.period.partial ? `; figures up to ${report.period.evaluatedUntil.replace("T", " ").slice(0, 16)} UTC (the period is not over)` : ""}.`
            : "Choose a month or quarter."
        }
        actions={
          report ? (
            <div className="row no-print">
              <a className="btn btn-secondary" href={exportHref("csv")} download>
                Export CSV
              </a>
              <a className="btn btn-secondary" href={exportHref("md")} download>
                Export Markdown
              </a>
              <PrintButton />
            </div>
          ) : null
        }
      />
      <PeriodForm action={`/reports/team/${slug}`} period={raw.period} tz={tz} errors={errors} />
      {report ? (
        <ReportView report={report} />
      ) : (
        <Alert tone="warning" title="No report for this input">
          {Object.entries(errors)
            .map(([f, m]) => `${f}: ${m}`)
            .join("; ")}
        </Alert>
      )}
    </>
  );
}
