import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { BacktestPanel } from "@/components/slos/backtest-panel";
import { CorrectionsPanel } from "@/components/slos/corrections-panel";
import { DeleteSloButton } from "@/components/slos/delete-slo-button";
import { SignOffPanel } from "@/components/slos/sign-off-panel";
import { sliDefinitionItems } from "@/components/slos/sli-definition";
import { SloLive } from "@/components/slos/slo-live";
import { SloRules } from "@/components/slos/slo-rules";
import { VersionHistory } from "@/components/slos/version-history";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card, DetailList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { getService } from "@/lib/services/catalog";
import { effectivePolicy } from "@/lib/services/policy";
import { getSlo, listSloVersions } from "@/lib/services/slo/read-slos";
import { nominalWindowSeconds } from "@/lib/slo/window";
import { definitionChanges, formatObjective, formatSliKind, formatWindow } from "@/lib/slo/format";
import { load, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const actor = await pageActor();
  const slo = await getSlo(actor, id).catch(() => null);
  return { title: slo ? `${slo.name} · ${slo.service}` : "SLO" };
}

export default async function SloPage({ params, searchParams }: Props) {
  const { id } = await params;
  const saved = textParam((await searchParams).saved);
  const actor = await pageActor();
  const res = await load(async () => {
    const slo = await getSlo(actor, id);
    const [service, versions] = await Promise.all([getService(actor, slo.service), listSloVersions(actor, id)]);
    return { slo, service, versions: versions.items, policy: await effectivePolicy(service.id) };
  });
  if (!res.ok) return <Forbidden title="SLO" message={res.forbidden} />;
  const { slo, service, versions, policy } = res.data;
  const canEdit = atLeast(actor, "editor") && inTeam(actor, service.team.id);
  const canApprove = atLeast(actor, "approver") && inTeam(actor, service.team.id);
  const inForce = slo.version.status === "active";
  const pending = versions.find((v) => v.status === "pending") ?? null;
  const active = versions.find((v) => v.status === "active") ?? null;
  const sli = slo.sli;

  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/slos", label: "SLOs" },
          { href: `/services/${slo.service}`, label: slo.serviceName },
        ]}
        title={slo.name}
        description={
          <>
            {formatObjective(slo.objective)} over {formatWindow(slo.window)} · {formatSliKind(sli)} · service{" "}
            <Link href={`/services/${slo.service}`} className="mono">
              {slo.service}
            </Link>
          </>
        }
        actions={
          canEdit ? (
            <>
              <LinkButton href={`/slos/${slo.id}/edit`}>Edit</LinkButton>
              <DeleteSloButton id={slo.id} name={slo.name} />
            </>
          ) : null
        }
      />
      {saved === "pending" ? (
        <Alert tone="info" title="Saved: awaiting sign-off">
          <p>
            Your change is a new version that an approver of team {service.team.name} must sign off.{" "}
            {inForce ? "The signed version stays in force meanwhile." : "The SLO is not in force until then."}
          </p>
        </Alert>
      ) : saved === "active" ? (
        <Alert tone="success" title="Saved and in force">
          You are an approver of this team, so saving signed the version off.
        </Alert>
      ) : null}
      {slo.managedBy ? (
        <Alert tone="warning" title="Managed as code">
          This SLO is managed by <code>{slo.managedBy}</code>; edits made here are overwritten by the next{" "}
          <code>srecp apply</code>. Change the source file instead.
        </Alert>
      ) : null}
      {pending && !canApprove && saved !== "pending" ? (
        <Alert tone="info" title={`Version ${pending.number} awaits sign-off`}>
          Proposed by {pending.createdBy}. An approver of team {service.team.name} must sign it off
          {inForce ? "; the signed version stays in force meanwhile" : ""}.
        </Alert>
      ) : null}
      {pending && canApprove ? (
        <SignOffPanel
          sloId={slo.id}
          number={pending.number}
          proposedBy={pending.createdBy}
          firstVersion={!active}
          changes={active ? definitionChanges(active, pending) : definitionChanges(null, pending)}
        />
      ) : null}

      <div className="grid-2 slo-detail">
        <div className="stack">
          {inForce ? (
            <SloLive
              id={slo.id}
              objective={slo.objective}
              atRiskBelow={policy.atRiskBelow}
              freezeAtOrBelow={policy.freezeAtOrBelow}
              sliceMinutes={sli.kind === "timeslice" ? sli.sliceMinutes : null}
            />
          ) : (
            <Alert tone="info" title="Not in force yet">
              Version {slo.version.number} awaits sign-off; status, burndown and alerts start once an approver signs it
              off.
            </Alert>
          )}
          {inForce ? (
            <CorrectionsPanel
              sloId={slo.id}
              canEdit={canEdit}
              canApprove={canApprove}
              actorEmail={actor.email}
              nowMs={Date.now()}
            />
          ) : null}
          <Card title="Version history" id="versions">
            <VersionHistory versions={versions} />
          </Card>
        </div>
        <div className="stack">
          <Card title="Definition">
            <DetailList
              items={[
                { label: "Objective", value: formatObjective(slo.objective) },
                { label: "Window", value: formatWindow(slo.window) },
                ...sliDefinitionItems(sli),
                { label: "Version in force", value: inForce ? `v${slo.version.number}` : "none yet" },
                {
                  label: "Runbook",
                  value: (
                    <>
                      {slo.runbookUrl ? (
                        <a href={slo.runbookUrl} target="_blank" rel="noreferrer">
                          {slo.runbookUrl}
                        </a>
                      ) : null}
                      {slo.inAppRunbookTiers ? (
                        <>
                          {slo.runbookUrl ? " · " : ""}
                          <Link href={`/runbooks/${slo.id}/page-fast`}>
                            In-app runbook (
                            {slo.inAppRunbookTiers === "all" ? "all tiers" : slo.inAppRunbookTiers.join(", ")})
                          </Link>
                        </>
                      ) : null}
                      {!slo.runbookUrl && !slo.inAppRunbookTiers ? (
                        <span className="muted">
                          Not set: no alerts. <Link href={`/runbooks/${slo.id}/page-fast`}>Write one in the app</Link>
                        </span>
                      ) : null}
                      {slo.runbookUrl && !slo.inAppRunbookTiers ? (
                        <>
                          {" "}
                          · <Link href={`/runbooks/${slo.id}/page-fast`}>Runbook pages</Link>
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  label: "Budget policy",
                  value: (
                    <Link href={`/services/${slo.service}/policy`}>
                      {policy.scope === "default" ? "built-in default" : `${policy.scope} policy`}
                    </Link>
                  ),
                },
                ...(slo.description
                  ? [{ label: "Description", value: <span className="prose">{slo.description}</span> }]
                  : []),
              ]}
            />
          </Card>
          <Card title="Generated Prometheus rules" id="rules">
            {inForce ? (
              <SloRules id={slo.id} name={slo.name} alertsSkipped={slo.alertsSkipped?.message ?? null} />
            ) : (
              <p className="muted">Rules are generated once a version is in force.</p>
            )}
          </Card>
        </div>
      </div>
      {inForce ? (
        <BacktestPanel target={{ sloId: slo.id }} windowDays={Math.round(nominalWindowSeconds(slo.window) / 86_400)} />
      ) : null}
    </>
  );
}
