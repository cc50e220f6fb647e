import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PeriodForm } from "@/components/reports/period-form";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { previousMonthKey } from "@/lib/readiness";
import { fieldErrors } from "@/lib/validation/common";
import { teamReportQuerySchema } from "@/lib/validation/reports";
import { textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams } from "../../_lib/teams";

export const metadata: Metadata = { title: "Reports" };

const quarterOf = (period: string) => `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const teams = await allTeams(actor);
  const team = textParam(sp.team);
  const raw = { period: textParam(sp.period), tz: textParam(sp.tz) };
  let errors: Record<string, string> = {};
  if (team || raw.period) {
    const parsed = teamReportQuerySchema.safeParse(raw);
    if (!team) errors.team = "Choose a team";
    else if (!teams.some((t) => t.slug === team)) errors.team = "Unknown team";
    if (!parsed.success) errors = { ...errors, ...fieldErrors(parsed.error) };
    if (parsed.success && !errors.team)
      redirect(
        `/reports/team/${team}?${new URLSearchParams({ period: parsed.data.period, ...(parsed.data.tz ? { tz: parsed.data.tz } : {}) })}`,
      );
  }
  const mine = teams.filter((t) => actor.teamIds.includes(t.id));
  const listed = mine.length ? mine : teams;
  return (
    <>
      <PageHeader
        title="Reports"
        description="Reliability of a team over a calendar month or quarter: SLIs, error budget consumed and frozen days, incidents and their budget impact, postmortem timeliness, action items and on-call load. Export as CSV or Markdown, or print."
      />
      <PeriodForm
        action="/reports"
        teams={teams.map((t) => ({ value: t.slug, label: t.name }))}
        team={team}
        period={raw.period ?? previousMonthKey(Date.now(), "UTC")}
        tz={raw.tz ?? ""}
        errors={errors}
      />
      {listed.length === 0 ? (
        <EmptyState title="No teams yet" action={<LinkButton href="/teams/new">Create a team</LinkButton>}>
          Reports are per team.
        </EmptyState>
      ) : (
        <Table caption="Quick links to team reports">
          <thead>
            <tr>
              <Th>Team</Th>
              <Th>Time zone</Th>
              <Th>Last month</Th>
              <Th>This quarter</Th>
            </tr>
          </thead>
          <tbody>
            {listed.map((t) => {
              const last = previousMonthKey(Date.now(), t.timezone);
              const quarter = quarterOf(new Date().toISOString().slice(0, 7));
              return (
                <tr key={t.slug}>
                  <Td>{t.name}</Td>
                  <Td className="small muted">{t.timezone}</Td>
                  <Td>
                    <Link href={`/reports/team/${t.slug}?period=${last}`}>{last}</Link>
                  </Td>
                  <Td>
                    <Link href={`/reports/team/${t.slug}?period=${quarter}`}>{quarter}</Link>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
