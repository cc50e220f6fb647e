import type { Metadata } from "next";
import Link from "next/link";
import { Markdown } from "@/components/incidents/markdown";
import { Forbidden } from "@/components/forbidden";
import { RunbookEditor } from "@/components/runbooks/runbook-editor";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { runbookContext } from "@/lib/services/runbooks/context";
import { listRunbookVersions } from "@/lib/services/runbooks/read";
import { formatObjective, formatWindow } from "@/lib/slo/format";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";
import { BurnCard, DeploysCard, OnCallCard, OpenWorkCard } from "../../_components/live-context";
import { ChecklistCard, QueriesCard, RunbookHistory } from "../../_components/guide";

type Props = { params: Promise<{ slo: string; tier: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slo, tier } = await params;
  const ctx = await runbookContext(await pageActor(), slo, tier).catch(() => null);
  return { title: ctx ? `Runbook · ${ctx.slo.name} · ${tier}` : "Runbook" };
}

/** The page an SLO alert's runbook_url opens: the runbook of its tier and the live context around it. */
export default async function RunbookPage({ params }: Props) {
  const { slo: sloId, tier } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const ctx = await runbookContext(actor, sloId, tier);
    const [own, all] = await Promise.all([
      listRunbookVersions(actor, sloId, tier),
      listRunbookVersions(actor, sloId, null),
    ]);
    const history = [...own.items, ...all.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { ctx, history };
  });
  if (!res.ok) return <Forbidden title="Runbook" message={res.forbidden} />;
  const { ctx, history } = res.data;
  const canEdit = atLeast(actor, "editor") && inTeam(actor, ctx.slo.team.id);
  const rb = ctx.runbook;

  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/slos", label: "SLOs" },
          { href: `/services/${ctx.slo.service}`, label: ctx.slo.serviceName },
          { href: `/slos/${ctx.slo.id}`, label: ctx.slo.name },
        ]}
        title={
          <>
            Runbook: {ctx.slo.name}{" "}
            <Badge tone={ctx.tier.severity === "page" ? "danger" : "warning"}>{ctx.tier.name}</Badge>
          </>
        }
        description={
          <>
            {formatObjective(ctx.slo.objective)} over {formatWindow(ctx.slo.window)} · service{" "}
            <Link href={`/services/${ctx.slo.service}`} className="mono">
              {ctx.slo.service}
            </Link>{" "}
            · team {ctx.slo.team.name}
          </>
        }
      />
      <nav className="runbook-tiers" aria-label="Alert tiers">
        {ctx.tiers.map((t) => (
          <Link
            key={t.name}
            href={`/runbooks/${encodeURIComponent(ctx.slo.id)}/${t.name}`}
            aria-current={t.name === ctx.tier.name ? "page" : undefined}
            className={t.name === ctx.tier.name ? "btn btn-primary btn-sm" : "btn btn-secondary btn-sm"}
          >
            {t.name}
            {t.covered ? " · runbook" : ""}
          </Link>
        ))}
      </nav>
      <div className="grid-2">
        <div className="stack">
          <Card title="Runbook" id="runbook">
            {rb ? (
              <>
                <p className="muted small">
                  {rb.inherited ? "The runbook of all tiers" : `The runbook of ${ctx.tier.name}`}, version {rb.version}{" "}
                  by {rb.author.label}, <LocalTime iso={rb.createdAt} />.
                </p>
                <div data-testid="runbook-body">
                  <Markdown text={rb.body} />
                </div>
              </>
            ) : (
              <p className="muted">No in-app runbook for this tier yet.{canEdit ? " Write one below." : ""}</p>
            )}
            {ctx.externalUrl ? (
              <p>
                External runbook:{" "}
                <a href={ctx.externalUrl} target="_blank" rel="noreferrer">
                  {ctx.externalUrl}
                </a>
              </p>
            ) : null}
            {!rb && !ctx.externalUrl && ctx.tiers.every((t) => !t.covered) ? (
              <p className="text-danger">
                No runbook, no alert: this SLO's alerts are not generated until it has an in-app runbook or a runbook
                URL.
              </p>
            ) : null}
          </Card>
          <BurnCard ctx={ctx} />
          <ChecklistCard ctx={ctx} />
          {canEdit ? (
            <Card title="Edit the runbook" id="edit">
              <RunbookEditor
                sloId={ctx.slo.id}
                tier={ctx.tier.name}
                own={{ version: ctx.versions.tier, body: ctx.versions.tierBody }}
                all={{ version: ctx.versions.all, body: ctx.versions.allBody }}
              />
            </Card>
          ) : null}
          <Card title="Version history" id="history">
            <RunbookHistory versions={history} />
          </Card>
        </div>
        <div className="stack">
          <OnCallCard ctx={ctx} />
          <OpenWorkCard ctx={ctx} />
          <DeploysCard ctx={ctx} />
          <QueriesCard ctx={ctx} />
        </div>
      </div>
    </>
  );
}
