import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ConfirmAction } from "@/components/oncall/confirm-action";
import { PolicyForm } from "@/components/oncall/policy-form";
import { PageHeader } from "@/components/ui/page-header";
import { assertCanEditTeam } from "@/lib/auth/permissions";
import { getEscalationPolicy } from "@/lib/services/oncall/escalation-policies";
import { policyTeamOptions } from "../../_lib/data";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

export const metadata: Metadata = { title: "Escalation policy" };

export default async function EditPolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const policy = await getEscalationPolicy(actor, id);
    assertCanEditTeam(actor, policy.team.id, `escalation policy "${policy.name}"`);
    return { policy, teams: await policyTeamOptions(actor, policy.team.slug) };
  });
  if (!res.ok) return <Forbidden title="Escalation policy" message={res.forbidden} />;
  const { policy: p, teams } = res.data;
  return (
    <>
      <PageHeader
        title={`Edit ${p.name}`}
        crumbs={[
          { href: "/oncall", label: "On-call" },
          { href: "/oncall/policies", label: "Escalation policies" },
        ]}
        actions={
          <ConfirmAction
            path={`/api/v1/escalation-policies/${p.id}`}
            label="Delete"
            title={`Delete ${p.name}?`}
            confirmLabel="Delete policy"
            body="Its services will page nobody until they get another policy; its open pages stop escalating."
            redirectTo="/oncall/policies"
          />
        }
      />
      <PolicyForm
        teams={teams}
        cancelHref="/oncall/policies"
        initial={{
          id: p.id,
          version: p.version,
          team: p.team.slug,
          name: p.name,
          description: p.description,
          repeat: p.repeat,
          steps: p.steps.map((s) => ({
            delayMinutes: s.delayMinutes,
            targets: s.targets.map((t) =>
              t.kind === "user"
                ? { kind: "user" as const, userId: t.userId }
                : { kind: "schedule" as const, scheduleId: t.scheduleId },
            ),
          })),
          services: p.services.map((s) => s.slug),
          fallbackUserId: p.fallbackUserId,
        }}
      />
    </>
  );
}
