import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { PolicyForm } from "@/components/slos/policy-form";
import { RemovePolicyButton } from "@/components/slos/remove-policy-button";
import { Alert } from "@/components/ui/alert";
import { Card, DetailList } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { getService } from "@/lib/services/catalog";
import { effectivePolicy } from "@/lib/services/policy";
import { ownPolicies, type OwnPolicy } from "@/lib/services/policy-overview";
import { ownPostmortemShares } from "@/lib/services/policy-postmortem";
import { DEFAULT_POSTMORTEM_BUDGET_SHARE } from "@/lib/postmortem/budget-trigger";
import { DEFAULT_POLICY } from "@/lib/slo/policy";
import { formatPercent } from "@/lib/slo/format";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Budget policy · ${(await params).slug}` };
}

const summary = (p: OwnPolicy | null) =>
  p
    ? [
        { label: "At risk below", value: `${formatPercent(p.atRiskBelow, 0)} of the budget left` },
        { label: "Frozen at or below", value: `${formatPercent(p.freezeAtOrBelow, 0)} left` },
        { label: "Page alert freezes", value: p.freezeOnPageAlert ? "yes" : "no" },
        { label: "Agreed by", value: p.agreedBy || <span className="muted">not recorded</span> },
        { label: "Agreed", value: p.agreedAt ? <LocalTime iso={p.agreedAt} /> : "—" },
        {
          label: "Notes",
          value: p.notes ? <span className="prose">{p.notes}</span> : <span className="muted">none</span>,
        },
      ]
    : [];

/**
 * Error-budget policy of a service: its own override and its team's default, both editable by approvers
 * of the team (managers agree to budget policies); everyone else sees them read-only.
 */
export default async function PolicyPage({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const service = await getService(actor, slug);
    const [own, effective, shares] = await Promise.all([
      ownPolicies(actor, slug),
      effectivePolicy(service.id),
      ownPostmortemShares(actor, slug),
    ]);
    return { service, own, effective, shares };
  });
  if (!res.ok) return <Forbidden title="Budget policy" message={res.forbidden} />;
  const { service, own, effective, shares } = res.data;
  const canApprove = atLeast(actor, "approver") && inTeam(actor, service.team.id);
  const base = own.team ?? { ...DEFAULT_POLICY, agreedBy: "", notes: "", version: null };

  return (
    <>
      <PageHeader
        crumbs={[
          { href: "/services", label: "Services" },
          { href: `/services/${slug}`, label: service.name },
        ]}
        title="Error-budget policy"
        description={
          <>
            What the remaining error budget of <span className="mono">{slug}</span>&apos;s SLOs means for releases:
            healthy, at risk, or frozen.
          </>
        }
      />
      <Alert
        tone="info"
        title={`In force: ${effective.scope === "service" ? "this service's own policy" : effective.scope === "team" ? `the default of team ${own.teamName}` : "the built-in default"}`}
      >
        At risk below {formatPercent(effective.atRiskBelow, 0)} left; frozen at{" "}
        {formatPercent(effective.freezeAtOrBelow, 0)} or less
        {effective.freezeOnPageAlert ? ", or while a page alert fires" : ""}. An incident that spends more than{" "}
        {formatPercent(effective.postmortemAbove, 0)} of an SLO&apos;s budget needs a postmortem with a P0/P1 action
        item.
      </Alert>
      {!canApprove ? <p className="muted">Only approvers of team {own.teamName} can change these policies.</p> : null}
      <div className="grid-2">
        <Card
          title={`Policy of ${service.name}`}
          id="service-policy"
          actions={canApprove && own.service ? <RemovePolicyButton slug={slug} teamName={own.teamName} /> : undefined}
        >
          {canApprove ? (
            <PolicyForm
              endpoint={`/api/v1/services/${slug}/policy`}
              idPrefix="service"
              serviceSlug={slug}
              submitLabel={own.service ? "Save service policy" : "Set a service policy"}
              initial={{
                ...(own.service ?? { ...base, version: null }),
                postmortemAbove: shares.service ?? shares.team ?? DEFAULT_POSTMORTEM_BUDGET_SHARE,
              }}
            />
          ) : own.service ? (
            <DetailList items={summary(own.service)} />
          ) : (
            <p className="muted">No own policy: the team default applies.</p>
          )}
        </Card>
        <Card title={`Default of team ${own.teamName}`} id="team-policy">
          <p className="small muted">Applies to every service of the team that has no policy of its own.</p>
          {canApprove ? (
            <PolicyForm
              endpoint={`/api/v1/teams/${own.teamSlug}/policy`}
              idPrefix="team"
              serviceSlug={slug}
              submitLabel={own.team ? "Save team default" : "Set a team default"}
              initial={{
                ...(own.team ?? { ...DEFAULT_POLICY, agreedBy: "", notes: "", version: null }),
                postmortemAbove: shares.team ?? DEFAULT_POSTMORTEM_BUDGET_SHARE,
              }}
            />
          ) : own.team ? (
            <DetailList items={summary(own.team)} />
          ) : (
            <p className="muted">
              No team default: the built-in default applies (at risk below 25 %, frozen when exhausted or a page alert
              fires).
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
