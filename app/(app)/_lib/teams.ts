import "server-only";
import { atLeast, isAdmin, type Actor } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/services/teams";
import type { TeamView } from "@/lib/validation/views/catalog";

/** A team as listTeams() answers it (lib/validation/views/catalog.ts). */
export type TeamRow = TeamView;

/** Every team (the catalog is small: one page of 200 is all of them in practice). */
export async function allTeams(actor: Actor): Promise<TeamRow[]> {
  const page = await listTeams(actor, { page: 1, pageSize: 200 });
  return page.items;
}

/** Teams whose services this actor may create or change (editors: their own teams; admins: all). */
export const editableTeams = (actor: Actor, teams: TeamRow[]): TeamRow[] =>
  !atLeast(actor, "editor") ? [] : isAdmin(actor) ? teams : teams.filter((t) => actor.teamIds.includes(t.id));

export const teamOptions = (teams: TeamRow[]) => teams.map((t) => ({ value: t.slug, label: `${t.name} (${t.slug})` }));
