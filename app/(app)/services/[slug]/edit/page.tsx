import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ServiceForm } from "@/components/services/service-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { getService } from "@/lib/services/catalog";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";
import { allTeams, editableTeams, teamOptions } from "../../../_lib/teams";
import { listDataSources } from "@/lib/services/datasources";
import { dataSourceOptions } from "../../../_lib/data-sources";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${(await params).slug}` };
}

export default async function EditServicePage({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor();
  const res = await load(() => Promise.all([getService(actor, slug), allTeams(actor), listDataSources(actor)]));
  if (!res.ok) return <Forbidden title={`Edit ${slug}`} message={res.forbidden} />;
  const [s, teams, sources] = res.data;
  if (!atLeast(actor, "editor") || !inTeam(actor, s.team.id)) {
    return (
      <Forbidden title={`Edit ${s.name}`} message={`Only editors of team ${s.team.name} can change this service.`} />
    );
  }
  // The current owner stays selectable even if the editor could not move a service *to* it.
  const choices = editableTeams(actor, teams);
  const options = teamOptions(
    choices.some((t) => t.id === s.team.id) ? choices : [...choices, ...teams.filter((t) => t.id === s.team.id)],
  );
  return (
    <>
      <PageHeader
        title={`Edit ${s.name}`}
        crumbs={[
          { href: "/services", label: "Services" },
          { href: `/services/${s.slug}`, label: s.slug },
        ]}
      />
      <Card>
        <ServiceForm
          teams={options}
          dataSources={dataSourceOptions(sources.items)}
          cancelHref={`/services/${s.slug}`}
          initial={{
            slug: s.slug,
            name: s.name,
            team: s.team.slug,
            tier: s.tier,
            description: s.description,
            runbookUrl: s.runbookUrl,
            repoUrl: s.repoUrl,
            dashboardUrl: s.dashboardUrl,
            version: s.version,
            dataSource: s.dataSource?.name ?? null,
          }}
        />
      </Card>
    </>
  );
}
