import "server-only";
import { getDb } from "@/lib/db";
import { finalTimeline, userShifts } from "@/lib/oncall";
import { scheduleLoad, type PageHit, type ReportPeriod, type ReportSchedule, type UserLabel } from "@/lib/readiness";
import { notificationsThroughSchedule } from "@/lib/db/repos/page-events";
import { loadScheduleModels } from "../oncall/model";

// On-call load of a team's schedules over a report period. Shifts: the schedule's computed final timeline
// (lib/oncall) in [period start, min(period end, now)). Pages: "notified" page events whose detail says
// which schedule's on-call was notified (`bySchedule`, written by the escalation worker), one per page and
// person. Sleep hours are judged on the schedule's own clock.

const iso = (ms: number) => new Date(ms).toISOString();

export async function periodOncallLoad(
  teamId: string,
  serviceIds: string[],
  period: ReportPeriod,
  untilMs: number,
): Promise<{ pagesForTeamServices: number; schedules: ReportSchedule[] }> {
  const db = await getDb();
  const toMs = Math.min(period.endMs, untilMs);
  const range = { gte: new Date(period.startMs), lt: new Date(toMs) };
  const scheduleRows = await db.schedule.findMany({
    where: { teamId },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  const [models, pagesForTeamServices] = await Promise.all([
    scheduleRows.length
      ? loadScheduleModels(
          db,
          scheduleRows.map((s) => s.id),
        )
      : Promise.resolve([]),
    serviceIds.length
      ? db.page.count({ where: { serviceId: { in: serviceIds }, openedAt: range } })
      : Promise.resolve(0),
  ]);
  const loads = await Promise.all(
    models.map(async (model) => {
      const id = model.schedule.id;
      const hits: PageHit[] = (await notificationsThroughSchedule(id, range)).flatMap((n) =>
        n.userIds.map((userId) => ({ pageId: n.pageId, userId, atMs: n.atMs })),
      );
      const shifts =
        toMs > period.startMs
          ? userShifts(
              finalTimeline({ schedule: model.domain, overrides: model.domainOverrides, fromMs: period.startMs, toMs }),
            )
          : [];
      return { model, load: scheduleLoad(shifts, hits, model.schedule.timezone) };
    }),
  );
  const userIds = [
    ...new Set(loads.flatMap((l) => [...l.load.shifts.map((s) => s.userId), ...l.load.people.map((p) => p.userId)])),
  ];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u],
    ),
  );
  const label = (id: string): UserLabel => users.get(id) ?? { id, name: "(deleted user)", email: "" };
  return {
    pagesForTeamServices,
    schedules: loads.map(({ model, load }) => ({
      id: model.schedule.id,
      name: model.schedule.name,
      timezone: model.schedule.timezone,
      shifts: load.shifts.map(({ userId, startMs, endMs, ...rest }) => ({
        ...rest,
        user: label(userId),
        start: iso(startMs),
        end: iso(endMs),
      })),
      people: load.people.map(({ userId, ...rest }) => ({ ...rest, user: label(userId) })),
      pages: load.pages,
      sleepHourPages: load.sleepHourPages,
      pagesPerShift: load.pagesPerShift,
      maxPagesInShift: load.maxPagesInShift,
      shiftsOverLimit: load.shiftsOverLimit,
      limitPerShift: load.limitPerShift,
      sleepWindow: load.sleepWindow,
    })),
  };
}
