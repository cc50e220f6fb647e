"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BudgetBar } from "@/components/slos/budget-bar";
import { PolicyStateBadge } from "@/components/slos/policy-state-badge";
import { StaleBanner } from "@/components/slos/stale-banner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { sloKeys, useServicePolicy, type SloRow } from "@/lib/query/slos";
import { formatBurnRate, formatObjective, formatPercent, formatSli, formatWindow } from "@/lib/slo/format";

type Props = { slug: string; name: string; canEdit: boolean; canApprove: boolean };

/**
 * The service's SLOs as budget tiles and its error-budget policy state (healthy / at risk / frozen,
 * with reasons), refreshed every 30 s from GET /api/v1/services/{slug}/policy.
 */
export function ServiceSlos({ slug, name, canEdit, canApprove }: Props) {
  const policy = useServicePolicy(slug);
  const slos = useQuery({
    queryKey: [...sloKeys.all, "of-service", slug],
    queryFn: () => apiFetch<{ items: SloRow[]; total: number }>(`/api/v1/slos?service=${slug}&pageSize=1000`),
  });
  const statusById = new Map((policy.data?.slos ?? []).map((s) => [s.sloId, s]));
  const stale = policy.data?.slos.find((s) => s.stale);
  const p = policy.data?.policy;
  const define = canEdit ? (
    <LinkButton href={`/slos/new?service=${slug}`} size="sm">
      Define an SLO
    </LinkButton>
  ) : null;

  return (
    <>
      <Card
        title="Error-budget policy"
        id="policy"
        actions={
          canApprove ? (
            <LinkButton href={`/services/${slug}/policy`} size="sm">
              Edit policy
            </LinkButton>
          ) : (
            <LinkButton href={`/services/${slug}/policy`} size="sm" variant="ghost">
              View policy
            </LinkButton>
          )
        }
      >
        {policy.isPending ? (
          <div className="skeleton skeleton-bar" role="status" aria-label="Loading the policy state" />
        ) : policy.isError ? (
          <Alert tone="danger" title="Could not load the policy state">
            {errorMessage(policy.error)}
          </Alert>
        ) : (
          <div className="policy-state" data-state={policy.data.state}>
            <div className="row">
              <PolicyStateBadge state={policy.data.state} />
              <span className="small muted">
                {policy.data.state === "frozen"
                  ? "Feature releases are frozen: reliability work first."
                  : policy.data.state === "at_risk"
                    ? "Budget is running low: weigh risky changes."
                    : policy.data.state === "no_data"
                      ? "No data: the budget cannot be judged until the SLIs report traffic."
                      : "Within budget: ship as usual."}
              </span>
            </div>
            {policy.data.reasons.length ? (
              <ul className="policy-reasons">
                {policy.data.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
            {p ? (
              <p className="small muted">
                {p.scope === "service"
                  ? "Service policy"
                  : p.scope === "team"
                    ? "Team default policy"
                    : "Built-in default policy"}
                : at risk below {formatPercent(p.atRiskBelow, 0)} left, frozen at {formatPercent(p.freezeAtOrBelow, 0)}{" "}
                or less
                {p.freezeOnPageAlert ? " or while a page alert fires" : ""}.
                {p.agreedBy ? ` Agreed by ${p.agreedBy}.` : ""}
              </p>
            ) : null}
          </div>
        )}
      </Card>
      <Card title="SLOs" id="slos" actions={define}>
        {stale ? (
          <StaleBanner
            stale
            ageSeconds={stale.staleAgeSeconds}
            reason={stale.staleReason}
            since={stale.unavailableSince}
          />
        ) : null}
        {slos.isPending ? (
          <div className="slo-tiles" role="status" aria-label="Loading SLOs">
            {[0, 1].map((i) => (
              <div key={i} className="skeleton" style={{ height: 96 }} />
            ))}
          </div>
        ) : slos.isError ? (
          <Alert tone="danger" title="Could not load the SLOs">
            {errorMessage(slos.error)}
          </Alert>
        ) : slos.data.items.length === 0 ? (
          <EmptyState title="No SLOs for this service yet" action={define}>
            Define what reliability {name} promises (availability, latency) to get an error budget, burn-rate alerts and
            a policy state.
          </EmptyState>
        ) : (
          <div className="slo-tiles">
            {slos.data.items.map((slo) => {
              const st = statusById.get(slo.id);
              return (
                <Link key={slo.id} href={`/slos/${slo.id}`} className="slo-tile" data-slo={slo.name}>
                  <span className="slo-tile-head">
                    <span className="slo-tile-name">{slo.name}</span>
                    <span className="small muted nowrap">{formatObjective(slo.objective)}</span>
                  </span>
                  <span className="small muted">
                    {formatWindow(slo.window)} · {slo.sli.kind}
                  </span>
                  {slo.version.status !== "active" ? (
                    <Badge tone="info">Awaiting sign-off</Badge>
                  ) : st ? (
                    <>
                      <BudgetBar
                        remaining={st.errorBudget.remaining}
                        atRiskBelow={p?.atRiskBelow}
                        freezeAtOrBelow={p?.freezeAtOrBelow}
                      />
                      <span className="small">
                        SLI {formatSli(st.sliValue, st.objective)} · burn 1h {formatBurnRate(st.burnRates["1h"])}
                        {st.alerts.some((a) => a.firing) ? (
                          <>
                            {" "}
                            · <Badge tone="danger">{st.alerts.filter((a) => a.firing).length} firing</Badge>
                          </>
                        ) : null}
                      </span>
                    </>
                  ) : (
                    <span className="small muted">{policy.isPending ? "Loading…" : "No status yet"}</span>
                  )}
                  {slo.pendingVersion && slo.version.status === "active" ? (
                    <span className="small muted">v{slo.pendingVersion.number} awaits sign-off</span>
                  ) : null}
                </Link>
              );
            })}
          </div>
        )}
      </Card>
    </>
  );
}
