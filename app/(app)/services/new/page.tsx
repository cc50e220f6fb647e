import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ServiceForm } from "@/components/services/service-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams, editableTeams, teamOptions } from "../../_lib/teams";
import { listDataSources } from "@/lib/services/datasources";
import { dataSourceOptions } from "../../_lib/data-sources";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const actor = await pageActor();
  const res = await load(() => Promise.all([allTeams(actor), listDataSources(actor)]));
  if (!res.ok) return <Forbidden title="New service" message={res.forbidden} />;
  const [all, sources] = res.data;
  const teams = editableTeams(actor, all);
  if (teams.length === 0) {
    const why =
      all.length === 0
        ? "There are no teams yet; an admin must create one first."
        : "Creating services needs the editor role in at least one team.";
    return <Forbidden title="New service" message={why} />;
  }
  return (
    <>
      <PageHeader
        title="New service"
        crumbs={[{ href: "/services", label: "Services" }]}
        description="Register a service so SLOs, on-call and incidents can refer to it."
      />
      <Card>
        <ServiceForm teams={teamOptions(teams)} dataSources={dataSourceOptions(sources.items)} cancelHref="/services" />
      </Card>
    </>
  );
}
