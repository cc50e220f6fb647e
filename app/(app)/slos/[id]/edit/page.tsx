import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { SloWizard } from "@/components/slos/slo-wizard";
import { stateFromDefinition } from "@/components/slos/wizard-model";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { getService } from "@/lib/services/catalog";
import { getSlo, listSloVersions } from "@/lib/services/slo/read-slos";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit SLO" };

/** Edits build on the newest definition: the pending proposal if there is one, else the version in force. */
export default async function EditSloPage({ params }: Props) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const slo = await getSlo(actor, id);
    const [service, versions] = await Promise.all([getService(actor, slo.service), listSloVersions(actor, id)]);
    return { slo, service, versions: versions.items };
  });
  if (!res.ok) return <Forbidden title="Edit SLO" message={res.forbidden} />;
  const { slo, service, versions } = res.data;
  if (!(atLeast(actor, "editor") && inTeam(actor, service.team.id))) {
    return (
      <Forbidden
        title={`Edit ${slo.name}`}
        message={`Only editors of team ${service.team.name} can change this SLO.`}
      />
    );
  }
  const newest = versions.find((v) => v.status === "pending") ?? versions.find((v) => v.status === "active") ?? null;
  const initial = stateFromDefinition({
    ...slo,
    ...(newest ? { sli: newest.sli, objective: newest.objective, window: newest.window } : {}),
  });
  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/slos", label: "SLOs" },
          { href: `/slos/${slo.id}`, label: slo.name },
        ]}
        title={`Edit ${slo.name}`}
        description="A change of the SLI, objective or window becomes a new version; the history stays as it was."
      />
      <SloWizard
        services={[
          {
            value: service.slug,
            label: `${service.name} (${service.slug})`,
            dataSource: service.dataSource?.name ?? null,
          },
        ]}
        edit={{ id: slo.id, revision: slo.revision, initial, managedBy: slo.managedBy }}
      />
    </>
  );
}
