import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { listEscalationPolicies } from "@/lib/services/oncall/escalation-policies";
import { oncallForPolicy } from "@/lib/services/oncall/service-oncall";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";
import { allTeams, editableTeams } from "../../../_lib/teams";

export const metadata: Metadata = { title: "Escalation policies" };

export default async function PoliciesPage() {
  const actor = await pageActor();
  const res = await load(async () => {
    const [policies, teams] = await Promise.all([listEscalationPolicies(actor, {}), allTeams(actor)]);
    const now = await Promise.all(policies.items.map((p) => oncallForPolicy(actor, p.id)));
    return { policies: policies.items, teams, now };
  });
  if (!res.ok) return <Forbidden title="Escalation policies" message={res.forbidden} />;
  const { policies, teams, now } = res.data;
  const canCreate = editableTeams(actor, teams).length > 0;
  return (
    <>
      <PageHeader
        title="Escalation policies"
        crumbs={[{ href: "/oncall", label: "On-call" }]}
        description="Who a page goes to, and after how long it moves on when nobody acknowledges: primary → secondary → manager."
        actions={
          canCreate ? (
            <LinkButton href="/oncall/policies/new" variant="primary">
              New policy
            </LinkButton>
          ) : null
        }
      />
      {policies.length === 0 ? (
        <EmptyState
          title="No escalation policies yet"
          action={
            canCreate ? (
              <LinkButton href="/oncall/policies/new" variant="primary">
                Create a policy
              </LinkButton>
            ) : null
          }
        >
          A service pages through its escalation policy. Without one, alerts for the service reach nobody.
        </EmptyState>
      ) : (
        <div className="stack">
          {policies.map((p, i) => (
            <Card
              key={p.id}
              title={p.name}
              actions={
                atLeast(actor, "editor") && inTeam(actor, p.team.id) ? (
                  <LinkButton href={`/oncall/policies/${p.id}`} size="sm">
                    Edit
                  </LinkButton>
                ) : null
              }
            >
              <p className="small muted">
                Team <Link href={`/teams/${p.team.slug}`}>{p.team.name}</Link> ·{" "}
                {p.repeat ? `repeats ${p.repeat}×` : "no repeat"} · services:{" "}
                {p.services.length ? (
                  p.services.map((s, j) => (
                    <span key={s.slug}>
                      {j ? ", " : ""}
                      <Link href={`/services/${s.slug}`}>{s.name}</Link>
                    </span>
                  ))
                ) : (
                  <Badge tone="warning">none</Badge>
                )}
              </p>
              {p.description ? <p className="prose">{p.description}</p> : null}
              <ol className="oc-steps">
                {p.steps.map((step, j) => {
                  const resolved = now[i]!.steps[j];
                  return (
                    <li key={step.position}>
                      <div>
                        {step.targets.map((t, k) => (
                          <span key={k}>
                            {k ? ", " : ""}
                            {t.kind === "schedule" ? (
                              <Link href={`/oncall/schedules/${t.scheduleId}`}>{t.schedule.name}</Link>
                            ) : (
                              t.user.name
                            )}
                          </span>
                        ))}
                        <span className="muted small"> · then after {step.delayMinutes} min</span>
                      </div>
                      <div className="small">
                        Now:{" "}
                        {resolved?.users.length ? (
                          resolved.users.map((u) => u.name).join(", ")
                        ) : (
                          <Badge tone="danger">nobody</Badge>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
