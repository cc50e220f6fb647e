import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { OncallNow } from "@/components/oncall/oncall-now";
import { DeleteServiceButton } from "@/components/services/delete-service-button";
import { ServiceDeployments } from "@/components/services/service-deployments";
import { Alert } from "@/components/ui/alert";
import { ServiceSlos } from "@/components/services/service-slos";
import { ServiceSlosSignals } from "@/components/services/service-slos-signals";
import { TierBadge } from "@/components/services/tier-badge";
import { LinkButton } from "@/components/ui/button";
import { Card, DetailList } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { getService } from "@/lib/services/catalog";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

const ext = (url: string | null) =>
  url ? (
    <a href={url} target="_blank" rel="noreferrer">
      {url}
    </a>
  ) : (
    <span className="muted">Not set</span>
  );

export default async function ServicePage({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor();
  const res = await load(() => getService(actor, slug));
  if (!res.ok) return <Forbidden title={slug} message={res.forbidden} />;
  const s = res.data;
  const canEdit = atLeast(actor, "editor") && inTeam(actor, s.team.id);
  const canApprove = atLeast(actor, "approver") && inTeam(actor, s.team.id);

  return (
    <>
      <PageHeader
        crumbs={[{ href: "/services", label: "Services" }]}
        title={
          <span className="row">
            {s.name} <TierBadge tier={s.tier} />
          </span>
        }
        description={<span className="mono">{s.slug}</span>}
        actions={
          canEdit ? (
            <>
              <LinkButton href={`/services/${s.slug}/edit`}>Edit</LinkButton>
              <DeleteServiceButton slug={s.slug} name={s.name} />
            </>
          ) : null
        }
      />
      {s.managedBy ? (
        <Alert tone="warning" title="Managed as code">
          This service is managed by <span className="mono">{s.managedBy}</span> (srecp apply). Edits made here drift
          from the code and the next apply will overwrite them.
        </Alert>
      ) : null}
      <div className="grid-2">
        <div className="stack">
          <Card title="About">
            {s.description ? <p className="prose">{s.description}</p> : <p className="muted">No description yet.</p>}
          </Card>
          <ServiceSlos slug={s.slug} name={s.name} canEdit={canEdit} canApprove={canApprove} />
          <ServiceSlosSignals slug={s.slug} canEdit={canEdit} />
        </div>
        <div className="stack">
          <Card title="On call now">
            <OncallNow serviceSlug={s.slug} />
          </Card>
          <Card title="Details">
            <DetailList
              items={[
                { label: "Owning team", value: <Link href={`/teams/${s.team.slug}`}>{s.team.name}</Link> },
                { label: "Team time zone", value: s.team.timezone },
                { label: "Tier", value: <TierBadge tier={s.tier} /> },
                { label: "Runbook", value: ext(s.runbookUrl) },
                { label: "Repository", value: ext(s.repoUrl) },
                { label: "Dashboard", value: ext(s.dashboardUrl) },
                { label: "Last updated", value: <LocalTime iso={s.updatedAt} /> },
                { label: "Version", value: s.version },
              ]}
            />
          </Card>
          <ServiceDeployments actor={actor} slug={s.slug} />
        </div>
      </div>
    </>
  );
}
