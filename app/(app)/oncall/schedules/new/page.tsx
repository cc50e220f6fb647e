import type { Metadata } from "next";
import { ScheduleForm } from "@/components/oncall/schedule-form";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { editableTeamOptions, nextMonday } from "../../_lib/data";
import { pageActor } from "../../../_lib/page-actor";

export const metadata: Metadata = { title: "New schedule" };

export default async function NewSchedulePage() {
  const actor = await pageActor();
  const teams = await editableTeamOptions(actor);
  return (
    <>
      <PageHeader
        title="New schedule"
        crumbs={[{ href: "/oncall", label: "On-call" }]}
        description="A rotation of people in layers; handoffs follow the schedule's local time."
      />
      {teams.length === 0 ? (
        <EmptyState
          title="You cannot create schedules"
          action={<LinkButton href="/oncall">Back to on-call</LinkButton>}
        >
          Schedules belong to a team; editors of a team (and admins) create them.
        </EmptyState>
      ) : (
        <ScheduleForm teams={teams} cancelHref="/oncall" defaultStartAt={nextMonday(teams[0]!.timezone)} />
      )}
    </>
  );
}
