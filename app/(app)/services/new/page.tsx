import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ServiceForm } from "@/components/services/service-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams, editableTeams, teamOptions } from "../../_lib/teams";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const actor = await pageActor();
  const res = await load(() => allTeams(actor));
  if (!res.ok) return <Forbidden title="New service" message={res.forbidden} />;
  const teams = editableTeams(actor, res.data);
  if (teams.length === 0) {
    const why = res.data.length === 0 ? "There are no teams yet; an admin must create one first." : "Creating services needs the editor role in at least one team.";
    return <Forbidden title="New service" message={why} />;
  }
  return (
    <>
      <PageHeader title="New service" crumbs={[{ href: "/services", label: "Services" }]} description="Register a service so SLOs, on-call and incidents can refer to it." />
      <Card>
        <ServiceForm teams={teamOptions(teams)} cancelHref="/services" />
      </Card>
    </>
  );
}
