import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";

/** Name and zone of a team for the report page's header and defaults (404 when it does not exist). */
export async function teamBySlugForPage(actor: Actor, slug: string) {
  assertCanRead(actor);
  const db = await getDb();
  const team = await db.team.findUnique({ where: { slug }, select: { slug: true, name: true, timezone: true } });
  if (!team) throw notFound(`team "${slug}"`);
  return team;
}
