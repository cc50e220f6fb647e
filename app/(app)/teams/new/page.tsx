import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { TeamForm } from "@/components/teams/team-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/permissions";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "New team" };

export default async function NewTeamPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <Forbidden title="New team" message="Only admins can create teams." />;
  return (
    <>
      <PageHeader title="New team" crumbs={[{ href: "/teams", label: "Teams" }]} />
      <Card>
        <TeamForm defaultTimezone="UTC" />
      </Card>
    </>
  );
}
