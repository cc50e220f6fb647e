import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { IncidentBudget } from "@/components/incidents/incident-budget";
import { IncidentWorkspace } from "@/components/incidents/incident-workspace";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { canEditIncident } from "@/lib/services/incidents/access";
import { listActionItems } from "@/lib/services/incidents/action-items";
import { getIncident } from "@/lib/services/incidents/incidents";
import { listTimeline } from "@/lib/services/incidents/timeline";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: /^\d+$/.test(id) ? `INC-${id}` : "Incident" };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const incident = await getIncident(actor, id);
    const [timeline, items] = await Promise.all([
      listTimeline(actor, incident.id),
      listActionItems(actor, { incident: incident.id, page: 1, pageSize: 200 }),
    ]);
    return { incident, timeline: timeline.items, actionItems: items.items };
  });
  if (!res.ok) return <Forbidden title="Incident" message={res.forbidden} />;
  const { incident, timeline, actionItems } = res.data;
  const canEdit = canEditIncident(actor, {
    teamId: incident.team.id,
    serviceTeamIds: incident.services.map((s) => s.teamId),
  });

  return (
    <>
      <PageHeader
        crumbs={[{ href: "/incidents", label: "Incidents" }]}
        title={
          <span className="row">
            <span className="mono">{incident.key}</span> {incident.title} <SeverityBadge severity={incident.severity} />{" "}
            <IncidentStatusBadge status={incident.status} />
          </span>
        }
        description={incident.summary || undefined}
        actions={
          <LinkButton href={`/incidents/${incident.number}/postmortem`} variant="primary">
            Postmortem
          </LinkButton>
        }
      />
      <IncidentBudget id={incident.id} incidentNumber={incident.number} />
      <IncidentWorkspace initial={incident} timeline={timeline} actionItems={actionItems} canEdit={canEdit} />
    </>
  );
}
