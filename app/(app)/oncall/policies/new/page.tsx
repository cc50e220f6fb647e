import type { Metadata } from "next";
import { PolicyForm } from "@/components/oncall/policy-form";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { policyTeamOptions } from "../../_lib/data";
import { pageActor } from "../../../_lib/page-actor";

export const metadata: Metadata = { title: "New escalation policy" };

export default async function NewPolicyPage() {
  const actor = await pageActor();
  const teams = await policyTeamOptions(actor);
  return (
    <>
      <PageHeader
        title="New escalation policy"
        crumbs={[
          { href: "/oncall", label: "On-call" },
          { href: "/oncall/policies", label: "Escalation policies" },
        ]}
      />
      {teams.length === 0 ? (
        <EmptyState
          title="You cannot create escalation policies"
          action={<LinkButton href="/oncall/policies">Back</LinkButton>}
        >
          Editors of a team (and admins) create its policies.
        </EmptyState>
      ) : (
        <PolicyForm teams={teams} cancelHref="/oncall/policies" />
      )}
    </>
  );
}
