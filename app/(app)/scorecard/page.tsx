import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ScorecardView } from "@/components/scorecard/scorecard-view";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SelectField } from "@/components/ui/select";
import { readinessScorecard } from "@/lib/services/readiness/scorecard";
import { scorecardQuerySchema } from "@/lib/validation/reports";
import { load, textParam, type SearchParams } from "../_lib/load";
import { pageActor } from "../_lib/page-actor";
import { allTeams } from "../_lib/teams";

export const metadata: Metadata = { title: "Readiness scorecard" };

export default async function ScorecardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const parsed = scorecardQuerySchema.safeParse({ team: textParam((await searchParams).team) });
  const query = parsed.success ? parsed.data : {};
  const res = await load(() => Promise.all([readinessScorecard(actor, query), allTeams(actor)]));
  if (!res.ok) return <Forbidden title="Readiness scorecard" message={res.forbidden} />;
  const [scorecard, teams] = res.data;
  const scope =
    scorecard.scope === "team" ? "" : scorecard.scope === "mine" ? " Showing your teams." : " Showing every team.";
  return (
    <>
      <PageHeader
        title="Readiness scorecard"
        description={`The operations checklist, computed per service from its data: SLOs signed off, runbooks on alerting SLOs, an agreed error-budget policy, escalation with on-call coverage, timely postmortems and no overdue P0/P1 follow-ups.${scope}`}
      />
      <form method="get" action="/scorecard" className="filter-bar" aria-label="Choose a team">
        <SelectField
          label="Team"
          name="team"
          defaultValue={query.team ?? ""}
          placeholder="My teams"
          options={teams.map((t) => ({ value: t.slug, label: t.name }))}
          error={parsed.success ? undefined : "Unknown team"}
        />
        <Button type="submit">Show</Button>
      </form>
      <ScorecardView scorecard={scorecard} />
    </>
  );
}
