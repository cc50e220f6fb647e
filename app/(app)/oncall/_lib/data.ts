import "server-only";
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/permissions";
import { listServices } from "@/lib/services/catalog";
import { listSchedules } from "@/lib/services/oncall/schedules";
import { getTeam } from "@/lib/services/teams";
import type { PolicyTeam } from "@/components/oncall/policy-form";
import type { TeamOption } from "@/components/oncall/schedule-model";
import { allTeams, editableTeams, type TeamRow } from "../../_lib/teams";

/** Members of a team, by name. */
export async function teamMembers(actor: Actor, slug: string) {
  const team = await getTeam(actor, slug);
  return team.memberships
    .map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Teams the actor may create schedules for, with their members (participants are picked from them). */
export async function editableTeamOptions(actor: Actor, only?: string): Promise<TeamOption[]> {
  const teams: TeamRow[] = editableTeams(actor, await allTeams(actor)).filter((t) => !only || t.slug === only);
  return Promise.all(
    teams.map(async (t) => ({
      slug: t.slug,
      name: t.name,
      timezone: t.timezone,
      members: await teamMembers(actor, t.slug),
    })),
  );
}

/** Teams the actor may create escalation policies for, with members, schedules and services. */
export async function policyTeamOptions(actor: Actor, only?: string): Promise<PolicyTeam[]> {
  const teams = editableTeams(actor, await allTeams(actor)).filter((t) => !only || t.slug === only);
  return Promise.all(
    teams.map(async (t) => {
      const [members, schedules, services] = await Promise.all([
        teamMembers(actor, t.slug),
        listSchedules(actor, { team: t.slug }),
        listServices(actor, { team: t.slug, page: 1, pageSize: 200 }),
      ]);
      return {
        slug: t.slug,
        name: t.name,
        members,
        schedules: schedules.items.map((s) => ({ id: s.id, name: s.name })),
        services: services.items.map((s) => ({ slug: s.slug, name: s.name })),
      };
    }),
  );
}

/** Next Monday 00:00 in `tz` as an ISO instant: the default start of a new weekly rotation. */
export const nextMonday = (tz: string): string =>
  DateTime.now().setZone(tz).startOf("week").plus({ weeks: 1 }).toUTC().toISO()!;
