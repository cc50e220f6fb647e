import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { SeverityBadge } from "@/components/incidents/badges";
import { LivePostmortemStatus, PostmortemWorkspace } from "@/components/incidents/postmortem-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { canEditIncident } from "@/lib/services/incidents/access";
import { getPostmortem } from "@/lib/services/incidents/postmortem-read";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: /^\d+$/.test(id) ? `Postmortem INC-${id}` : "Postmortem" };
}

export default async function PostmortemPage({ params }: Props) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(() => getPostmortem(actor, { incident: id }));
  if (!res.ok) return <Forbidden title="Postmortem" message={res.forbidden} />;
  const doc = res.data;
  const { incident } = doc;
  const canEdit = canEditIncident(actor, {
    teamId: incident.team.id,
    serviceTeamIds: incident.services.map((s) => s.teamId),
  });
  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/incidents", label: "Incidents" },
          { href: `/incidents/${incident.number}`, label: incident.key },
        ]}
        title={
          <span className="row">
            Postmortem: {incident.title} <SeverityBadge severity={incident.severity} />{" "}
            <LivePostmortemStatus incidentId={incident.id} initial={doc} />
          </span>
        }
        description={
          <>
            Blameless: describe systems and decisions, not culprits. Author {doc.author?.name ?? "—"} ·{" "}
            <Link href={`/incidents/${incident.number}`}>back to the incident</Link>
          </>
        }
      />
      <PostmortemWorkspace incidentId={incident.id} initial={doc} canEditIncident={canEdit} />
    </>
  );
}
