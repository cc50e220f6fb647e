import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { DeclareIncidentForm } from "@/components/incidents/declare-form";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { listServices } from "@/lib/services/catalog";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams } from "../../_lib/teams";

export const metadata: Metadata = { title: "Declare incident" };

export default async function DeclareIncidentPage() {
  const actor = await pageActor();
  if (!atLeast(actor, "editor"))
    return <Forbidden title="Declare incident" message="Editors of a team declare incidents for its services." />;
  const res = await load(() => Promise.all([listServices(actor, { page: 1, pageSize: 200 }), allTeams(actor)]));
  if (!res.ok) return <Forbidden title="Declare incident" message={res.forbidden} />;
  const [services, teams] = res.data;
  const options = services.items
    .filter((s) => inTeam(actor, s.team.id))
    .map((s) => ({ slug: s.slug, name: s.name, team: s.team.name }));
  return (
    <>
      <PageHeader
        crumbs={[{ href: "/incidents", label: "Incidents" }]}
        title="Declare an incident"
        description="Name it, rate it, say what is affected. You can fill in the rest as you go."
      />
      {options.length === 0 ? (
        <EmptyState
          title="No services you can declare incidents for"
          action={<LinkButton href="/services">Browse services</LinkButton>}
        >
          Incidents are declared against services of your teams.
        </EmptyState>
      ) : (
        <DeclareIncidentForm services={options} teams={teams.map((t) => ({ value: t.slug, label: t.name }))} />
      )}
    </>
  );
}
