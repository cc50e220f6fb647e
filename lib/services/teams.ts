import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertAdmin, assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { CreateTeamInput } from "@/lib/validation/catalog";
import type { Pagination } from "@/lib/validation/common";
import type { DeletedView, TeamDetailView, TeamPage, TeamRowView } from "@/lib/validation/views/catalog";
import { findTeamPage, findTeamWithMembers } from "@/lib/db/repos/catalog";
import { toTeamDetailView, toTeamRowView, toTeamView } from "./catalog-views";
import { recordAudit } from "./audit";
import { droppingAfter } from "@/lib/cache/shared-cache";

export async function listTeams(actor: Actor, q: Pagination): Promise<TeamPage> {
  assertCanRead(actor);
  const { rows, total } = await findTeamPage(await getDb(), q);
  return { items: rows.map(toTeamView), page: q.page, pageSize: q.pageSize, total };
}

export async function getTeam(actor: Actor, slug: string): Promise<TeamDetailView> {
  assertCanRead(actor);
  const team = await findTeamWithMembers(await getDb(), slug);
  if (!team) throw notFound(`team "${slug}"`);
  return toTeamDetailView(team);
}

/** Admins create teams; the creator is not added as a member (admins see all teams anyway). */
export async function createTeam(actor: Actor, input: CreateTeamInput): Promise<TeamRowView> {
  assertAdmin(actor, "teams");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: input });
    await recordAudit(tx, actor, { action: "team.create", entityType: "team", entityId: team.id, after: team });
    return toTeamRowView(team);
  });
}

export async function updateTeam(
  actor: Actor,
  slug: string,
  input: Partial<Omit<CreateTeamInput, "slug">>,
): Promise<TeamRowView> {
  assertAdmin(actor, "teams");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { slug } });
    if (!before) throw notFound(`team "${slug}"`);
    const after = await tx.team.update({ where: { slug }, data: input });
    await recordAudit(tx, actor, { action: "team.update", entityType: "team", entityId: after.id, before, after });
    return toTeamRowView(after);
  });
}

/** A team that still owns services cannot be deleted (409): move or delete them first. */
export async function deleteTeam(actor: Actor, slug: string): Promise<DeletedView> {
  assertAdmin(actor, "teams");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { slug }, include: { _count: { select: { services: true } } } });
    if (!before) throw notFound(`team "${slug}"`);
    if (before._count.services > 0)
      throw new AppError("CONFLICT", `team "${slug}" still owns ${before._count.services} service(s)`);
    await tx.team.delete({ where: { slug } });
    await recordAudit(tx, actor, { action: "team.delete", entityType: "team", entityId: before.id, before });
    return { deleted: slug };
  });
}

export async function setMembership(actor: Actor, slug: string, userEmail: string, member: boolean) {
  assertAdmin(actor, "team members");
  const db = await getDb();
  const [team, user] = await Promise.all([
    db.team.findUnique({ where: { slug } }),
    db.user.findUnique({ where: { email: userEmail.toLowerCase() } }),
  ]);
  if (!team) throw notFound(`team "${slug}"`);
  if (!user) throw new AppError("VALIDATION", `unknown user ${userEmail}`, { email: "no such user" });
  await droppingAfter(
    "actors",
    db.$transaction(async (tx) => {
      if (member)
        await tx.membership.upsert({
          where: { userId_teamId: { userId: user.id, teamId: team.id } },
          update: {},
          create: { userId: user.id, teamId: team.id },
        });
      else await tx.membership.deleteMany({ where: { userId: user.id, teamId: team.id } });
      await recordAudit(tx, actor, {
        action: member ? "team.member.add" : "team.member.remove",
        entityType: "team",
        entityId: team.id,
        after: { email: user.email },
      });
    }),
  );
  return { team: slug, email: user.email, member };
}
