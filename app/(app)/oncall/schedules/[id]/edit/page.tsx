import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ScheduleForm } from "@/components/oncall/schedule-form";
import type { LayerValue } from "@/components/oncall/schedule-model";
import { PageHeader } from "@/components/ui/page-header";
import { assertCanEditTeam } from "@/lib/auth/permissions";
import { getSchedule } from "@/lib/services/oncall/schedules";
import { editableTeamOptions, nextMonday } from "../../../_lib/data";
import { load } from "../../../../_lib/load";
import { pageActor } from "../../../../_lib/page-actor";

export const metadata: Metadata = { title: "Edit schedule" };

export default async function EditSchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const schedule = await getSchedule(actor, id);
    assertCanEditTeam(actor, schedule.team.id, `schedule "${schedule.name}"`);
    return { schedule, teams: await editableTeamOptions(actor, schedule.team.slug) };
  });
  if (!res.ok) return <Forbidden title="Edit schedule" message={res.forbidden} />;
  const { schedule: s, teams } = res.data;
  const layers: LayerValue[] = s.layers.map((l) => ({
    id: l.id,
    name: l.name,
    priority: l.priority,
    timezone: l.timezone,
    rotation: l.rotation,
    handoffTime: l.handoffTime,
    startAt: l.startAt,
    participants: l.participants.map((p) => p?.id ?? null),
    restrictions: l.restrictions,
  }));
  return (
    <>
      <PageHeader
        title={`Edit ${s.name}`}
        crumbs={[
          { href: "/oncall", label: "On-call" },
          { href: `/oncall/schedules/${s.id}`, label: s.name },
        ]}
        description="Changes apply from now on: past shifts and who was on call stay as they were."
      />
      <ScheduleForm
        teams={teams}
        cancelHref={`/oncall/schedules/${s.id}`}
        defaultStartAt={nextMonday(s.timezone)}
        initial={{
          id: s.id,
          version: s.version,
          team: s.team.slug,
          name: s.name,
          description: s.description,
          timezone: s.timezone,
          requireHandoffNote: s.requireHandoffNote,
          layers,
        }}
      />
    </>
  );
}
