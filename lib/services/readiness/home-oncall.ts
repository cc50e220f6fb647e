import "server-only";
import { getDb } from "@/lib/db";
import { finalTimeline, type Segment } from "@/lib/oncall";
import { loadScheduleModels } from "../oncall/model";

// "Who is on call now" per schedule of the given teams, for the home page: the people in the final
// timeline at now, until when the same people stay on call, and who comes next. Read-only (the on-call
// history log is written by the on-call pages, not here).

const DAY_MS = 86_400_000;
const LOOKAHEAD_DAYS = 31;

export type UserLabel = { id: string; name: string; email: string };
export type OnCallNow = {
  schedule: { id: string; name: string; timezone: string };
  team: { slug: string; name: string };
  users: UserLabel[];
  /** End of the current run of the same people; null when it lasts beyond the look-ahead. */
  until: string | null;
  next: UserLabel[];
  href: string;
};

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");

/** The current run of segments with the same people, and the people of the first different segment. */
export function currentRun(segments: Segment[]): { userIds: string[]; untilMs: number | null; nextUserIds: string[] } {
  const first = segments[0];
  if (!first) return { userIds: [], untilMs: null, nextUserIds: [] };
  let i = 0;
  while (
    i + 1 < segments.length &&
    segments[i + 1]!.startMs === segments[i]!.endMs &&
    same(segments[i + 1]!.userIds, first.userIds)
  )
    i += 1;
  const next = segments[i + 1];
  return { userIds: first.userIds, untilMs: next ? segments[i]!.endMs : null, nextUserIds: next?.userIds ?? [] };
}

export async function oncallNow(teamIds: string[], nowMs: number): Promise<OnCallNow[]> {
  const db = await getDb();
  const rows = await db.schedule.findMany({ where: { teamId: { in: teamIds } }, select: { id: true } });
  if (rows.length === 0) return [];
  const models = await loadScheduleModels(
    db,
    rows.map((r) => r.id),
  );
  const runs = models.map((m) => ({
    m,
    run: currentRun(
      finalTimeline({
        schedule: m.domain,
        overrides: m.domainOverrides,
        fromMs: nowMs,
        toMs: nowMs + LOOKAHEAD_DAYS * DAY_MS,
      }),
    ),
  }));
  const ids = [...new Set(runs.flatMap(({ run }) => [...run.userIds, ...run.nextUserIds]))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  const label = (id: string): UserLabel => users.get(id) ?? { id, name: "(deleted user)", email: "" };
  return runs
    .map(({ m, run }) => ({
      schedule: { id: m.schedule.id, name: m.schedule.name, timezone: m.schedule.timezone },
      team: { slug: m.schedule.team.slug, name: m.schedule.team.name },
      users: run.userIds.map(label),
      until: run.untilMs === null ? null : new Date(run.untilMs).toISOString(),
      next: run.nextUserIds.map(label),
      href: `/oncall/schedules/${m.schedule.id}`,
    }))
    .sort((a, b) => a.team.slug.localeCompare(b.team.slug) || a.schedule.name.localeCompare(b.schedule.name));
}
