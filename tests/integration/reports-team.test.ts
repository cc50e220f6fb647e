import { beforeAll, describe, expect, it } from "vitest";
import * as report from "@/app/api/v1/reports/team/[slug]/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// The manager report of March 2026 in Europe/Berlin (DST starts on 29 March: the month has 743 hours)
// over rows written directly to the database. Every expected number is computed here, independently of
// lib/readiness, from the seeded data: period bounds written out by hand, hourly sums by version in force,
// end-of-day rolling budgets, and hand-counted incidents, postmortems, action items and pages.

const H = 3_600_000;
const DAY = 86_400_000;
const T = "rpt-team";
const START = Date.UTC(2026, 1, 28, 23); // 1 March 00:00 CET
const END = Date.UTC(2026, 2, 31, 22); // 1 April 00:00 CEST
/** End of local day d of March (local midnight of d + 1): CET until the 29th, CEST after. */
const dayEnd = (d: number) => (d <= 28 ? Date.UTC(2026, 2, d, 23) : Date.UTC(2026, 2, d, 22));

// Rollups of the availability SLO: version 1 (99 %, rolling 7 d) in force from 1 Feb, version 2 (99.9 %,
// rolling 7 d) from 15 March 12:00 UTC. Both versions have rows for every hour (a new version is
// backfilled over its window), with different bad counts, and a 6-hour 50 % outage on 10 March.
const ROLL_FROM = Date.UTC(2026, 1, 20);
const ROLL_TO = Date.UTC(2026, 3, 5);
const V2_FROM = Date.UTC(2026, 2, 15, 12);
const OUTAGE = [Date.UTC(2026, 2, 10, 8), Date.UTC(2026, 2, 10, 14)];
const V = { v1: { objective: 0.99, from: Date.UTC(2026, 1, 1) }, v2: { objective: 0.999, from: V2_FROM } };
type Row = { hour: number; good: number; total: number };
const rowsOf = (version: "v1" | "v2"): Row[] => {
  const out: Row[] = [];
  for (let h = ROLL_FROM, i = 0; h < ROLL_TO; h += H, i += 1) {
    const total = 1000 + ((i * 37) % 400);
    const bad =
      h >= OUTAGE[0]! && h < OUTAGE[1]! ? Math.floor(total / 2) : version === "v1" ? i % 5 : i % 3 === 0 ? 1 : 0;
    out.push({ hour: h, good: total - bad, total });
  }
  return out;
};
const ROWS = { v1: rowsOf("v1"), v2: rowsOf("v2") };
const versionAt = (ms: number) => (ms >= V.v2.from ? "v2" : "v1");

describe("manager report for a team and a month", () => {
  let token: string;
  let ana: string, ben: string;
  let scheduleId: string;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    const db = await getDb();
    const team = await db.team.create({ data: { slug: T, name: "Report team", timezone: "Europe/Berlin" } });
    const other = await db.team.create({ data: { slug: "rpt-other", name: "Other report team" } });
    token = (await userWithToken("viewer")).token;
    ana = (await userWithToken("editor", [T])).id;
    ben = (await userWithToken("editor", [T])).id;
    const api = await db.service.create({ data: { slug: "rpt-api", name: "Report API", teamId: team.id, tier: 1 } });
    await db.service.create({ data: { slug: "rpt-web", name: "Report web", teamId: team.id, tier: 2 } });
    const otherSvc = await db.service.create({ data: { slug: "rpt-other-svc", name: "Other", teamId: other.id } });
    await db.budgetPolicy.create({
      data: { teamId: team.id, freezeAtOrBelow: 0.2, atRiskBelow: 0.5, agreedBy: "Manager" },
    });

    const sli = { kind: "ratio", total: "x_total", bad: "x_bad" };
    const slo = await db.slo.create({
      data: { serviceId: api.id, name: "rpt-availability", runbookUrl: "https://r.example.com" },
    });
    const window = { kind: "rolling", days: 7 };
    const v1 = await db.sloVersion.create({
      data: {
        sloId: slo.id,
        number: 1,
        sliKind: "ratio",
        sli,
        objective: 0.99,
        window,
        status: "superseded",
        reviewedAt: new Date(V.v1.from),
        effectiveFrom: new Date(V.v1.from),
      },
    });
    const v2 = await db.sloVersion.create({
      data: {
        sloId: slo.id,
        number: 2,
        sliKind: "ratio",
        sli,
        objective: 0.999,
        window,
        status: "active",
        reviewedAt: new Date(V2_FROM),
        effectiveFrom: new Date(V2_FROM),
      },
    });
    // A proposed version 3 with rows of its own must not count.
    const v3 = await db.sloVersion.create({
      data: {
        sloId: slo.id,
        number: 3,
        sliKind: "ratio",
        sli,
        objective: 0.5,
        window,
        status: "pending",
        effectiveFrom: new Date(Date.UTC(2026, 2, 20)),
      },
    });
    for (const [v, rows] of [
      [v1, ROWS.v1],
      [v2, ROWS.v2],
      [v3, ROWS.v1.map((r) => ({ ...r, good: 0 }))],
    ] as const) {
      await db.sloRollup.createMany({
        data: rows.map((r) => ({ versionId: v.id, hour: new Date(r.hour), good: r.good, total: r.total })),
      });
    }
    // An SLO of the web service without any rollups, and one that was never signed off.
    const web = await db.service.findUniqueOrThrow({ where: { slug: "rpt-web" } });
    const quiet = await db.slo.create({ data: { serviceId: web.id, name: "rpt-web-latency" } });
    await db.sloVersion.create({
      data: {
        sloId: quiet.id,
        number: 1,
        sliKind: "ratio",
        sli,
        objective: 0.99,
        window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
        status: "active",
        reviewedAt: new Date(V.v1.from),
        effectiveFrom: new Date(V.v1.from),
      },
    });
    const unsigned = await db.slo.create({ data: { serviceId: web.id, name: "rpt-web-unsigned" } });
    await db.sloVersion.create({
      data: {
        sloId: unsigned.id,
        number: 1,
        sliKind: "ratio",
        sli,
        objective: 0.99,
        window,
        status: "pending",
        effectiveFrom: new Date(V.v1.from),
      },
    });

    // Incidents. A: SEV-2 on the API during the outage, postmortem published 2 days later with impact
    // snapshots (an older live computation and the frozen published one). B: SEV-1 owned by the team,
    // no postmortem. C: SEV-2 resolved Tue 31 March, published 20 April (due Tue 7 April: late).
    // D: SEV-3. E: before the period. F: another team's, not touching ours.
    const mk = async (data: {
      title: string;
      severity: string;
      teamId: string;
      impactStartAt: Date | null;
      detectedAt?: Date;
      resolvedAt?: Date;
      serviceIds: string[];
    }) =>
      db.incident.create({
        data: {
          title: data.title,
          severity: data.severity,
          teamId: data.teamId,
          status: data.resolvedAt ? "resolved" : "investigating",
          impactStartAt: data.impactStartAt,
          detectedAt: data.detectedAt ?? null,
          resolvedAt: data.resolvedAt ?? null,
          services: { create: data.serviceIds.map((serviceId) => ({ serviceId })) },
        },
      });
    const a = await mk({
      title: "rpt A",
      severity: "SEV-2",
      teamId: other.id,
      impactStartAt: new Date(OUTAGE[0]!),
      resolvedAt: new Date(OUTAGE[1]!),
      serviceIds: [api.id],
    });
    const pmA = await db.postmortem.create({
      data: { incidentId: a.id, status: "published", publishedAt: new Date(OUTAGE[1]! + 2 * DAY) },
    });
    const snap = {
      postmortemId: pmA.id,
      sloId: slo.id,
      sloName: "rpt-availability",
      serviceSlug: "rpt-api",
      fromAt: new Date(OUTAGE[0]!),
      toAt: new Date(OUTAGE[1]!),
      failed: 3600,
      total: 7200,
      queries: {},
    };
    await db.impactSnapshot.create({
      data: { ...snap, budgetConsumed: 0.9, computedAt: new Date(OUTAGE[1]! + H), frozen: false },
    });
    await db.impactSnapshot.create({
      data: { ...snap, budgetConsumed: 1.2, computedAt: new Date(OUTAGE[1]! + 2 * DAY), frozen: true },
    });
    const b = await mk({
      title: "rpt B",
      severity: "SEV-1",
      teamId: team.id,
      impactStartAt: null,
      detectedAt: new Date(Date.UTC(2026, 2, 20, 12)),
      resolvedAt: new Date(Date.UTC(2026, 2, 20, 18)),
      serviceIds: [],
    });
    const c = await mk({
      title: "rpt C",
      severity: "SEV-2",
      teamId: team.id,
      impactStartAt: new Date(Date.UTC(2026, 2, 30, 8)),
      resolvedAt: new Date(Date.UTC(2026, 2, 31, 10)),
      serviceIds: [web.id],
    });
    await db.postmortem.create({
      data: { incidentId: c.id, status: "published", publishedAt: new Date(Date.UTC(2026, 3, 20)) },
    });
    const d = await mk({
      title: "rpt D",
      severity: "SEV-3",
      teamId: team.id,
      impactStartAt: new Date(Date.UTC(2026, 2, 31, 21, 30)),
      serviceIds: [api.id],
    }); // 23:30 CEST on 31 March: inside
    await mk({
      title: "rpt E",
      severity: "SEV-1",
      teamId: team.id,
      impactStartAt: new Date(Date.UTC(2026, 1, 28, 22, 30)),
      resolvedAt: new Date(Date.UTC(2026, 2, 1)),
      serviceIds: [api.id],
    }); // 23:30 CET on 28 Feb: outside
    await mk({
      title: "rpt F",
      severity: "SEV-1",
      teamId: other.id,
      impactStartAt: new Date(Date.UTC(2026, 2, 5)),
      serviceIds: [otherSvc.id],
    });
    Object.assign(numbers, { a: a.number, b: b.number, c: c.number, d: d.number });

    // Action items (createdAt/completedAt/updatedAt set explicitly).
    const item = (data: {
      title: string;
      priority: string;
      status?: string;
      dueDate?: string | null;
      createdAt: number;
      completedAt?: number;
      updatedAt?: number;
      serviceId?: string | null;
      incidentId?: string;
    }) =>
      db.actionItem.create({
        data: {
          title: data.title,
          priority: data.priority,
          type: "prevent",
          status: data.status ?? "open",
          dueDate: data.dueDate ?? null,
          dueTimezone: "Europe/Berlin",
          serviceId: data.serviceId === undefined ? api.id : data.serviceId,
          incidentId: data.incidentId ?? null,
          createdAt: new Date(data.createdAt),
          completedAt: data.completedAt ? new Date(data.completedAt) : null,
          updatedAt: new Date(data.updatedAt ?? data.createdAt),
        },
      });
    await item({ title: "open overdue P1", priority: "P1", dueDate: "2026-03-20", createdAt: Date.UTC(2026, 2, 5) });
    await item({
      title: "closed in March",
      priority: "P2",
      status: "done",
      dueDate: "2026-03-30",
      createdAt: Date.UTC(2026, 2, 6),
      completedAt: Date.UTC(2026, 2, 25),
    });
    await item({
      title: "old, done after March",
      priority: "P0",
      status: "done",
      dueDate: "2026-02-25",
      createdAt: Date.UTC(2026, 1, 10),
      completedAt: Date.UTC(2026, 3, 10),
    });
    await item({
      title: "won't do",
      priority: "P2",
      status: "wont_do",
      dueDate: "2026-03-10",
      createdAt: Date.UTC(2026, 2, 7),
      updatedAt: Date.UTC(2026, 2, 8),
    });
    await item({ title: "created in April", priority: "P1", dueDate: "2026-03-01", createdAt: Date.UTC(2026, 3, 3) });
    await item({
      title: "other team's",
      priority: "P0",
      dueDate: "2026-03-02",
      createdAt: Date.UTC(2026, 2, 1),
      serviceId: otherSvc.id,
    });
    await item({
      title: "from our incident, no service",
      priority: "P2",
      createdAt: Date.UTC(2026, 2, 12),
      serviceId: null,
      incidentId: b.id,
    });

    // On-call: weekly rotation Ana/Ben, handoff Monday 09:00 Berlin, turn 0 on Mon 2 Feb (Ana).
    const s = await db.schedule.create({ data: { teamId: team.id, name: "rpt-primary", timezone: "Europe/Berlin" } });
    scheduleId = s.id;
    await db.scheduleLayer.create({
      data: {
        scheduleId: s.id,
        lineageId: `${s.id}-l`,
        name: "Weekly",
        rotationUnit: "week",
        handoffTime: "09:00",
        startAt: new Date(Date.UTC(2026, 1, 1, 23)),
        participants: [ana, ben],
      },
    });
    const page = async (
      at: number,
      serviceId: string | null,
      notify: { userId: string; at: number; scheduleId?: string }[],
    ) => {
      const p = await db.page.create({
        data: {
          groupKey: `rpt-${at}`,
          serviceId,
          title: "rpt page",
          openedAt: new Date(at),
          status: "resolved",
          resolvedAt: new Date(at + H),
        },
      });
      for (const n of notify) {
        const sid = n.scheduleId ?? s.id;
        await db.pageEvent.create({
          data: {
            pageId: p.id,
            at: new Date(n.at),
            kind: "notified",
            userIds: [n.userId],
            step: 0,
            detail: { scheduleIds: [sid], bySchedule: { [sid]: [n.userId] } },
          },
        });
      }
    };
    await page(Date.UTC(2026, 2, 3, 1), api.id, [
      { userId: ana, at: Date.UTC(2026, 2, 3, 1) },
      { userId: ana, at: Date.UTC(2026, 2, 3, 1, 10) },
    ]); // 02:00 CET, renotified
    await page(Date.UTC(2026, 2, 3, 12), api.id, [{ userId: ana, at: Date.UTC(2026, 2, 3, 12) }]);
    await page(Date.UTC(2026, 2, 4, 10), web.id, [{ userId: ana, at: Date.UTC(2026, 2, 4, 10) }]);
    await page(Date.UTC(2026, 2, 29, 21, 30), api.id, [{ userId: ben, at: Date.UTC(2026, 2, 29, 21, 30) }]); // 23:30 CEST
    await page(Date.UTC(2026, 1, 27, 12), api.id, [{ userId: ben, at: Date.UTC(2026, 1, 27, 12) }]); // February
    await page(Date.UTC(2026, 2, 10, 12), otherSvc.id, [
      { userId: ben, at: Date.UTC(2026, 2, 10, 12), scheduleId: "some-other-schedule" },
    ]);
  });

  const get = (query: string, slug = T) =>
    call(report.GET, { token, url: `/api/v1/reports/team/${slug}?${query}`, params: { slug } });

  it("computes the period in the zone: 31 local days, 743 hours", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    expect(r.period).toEqual({
      key: "2026-03",
      kind: "month",
      timezone: "Europe/Berlin",
      start: new Date(START).toISOString(),
      end: new Date(END).toISOString(),
      firstDay: "2026-03-01",
      lastDay: "2026-03-31",
      evaluatedUntil: new Date(END).toISOString(),
      partial: false,
      days: 31,
    });
    expect(r.team).toEqual({ slug: T, name: "Report team", timezone: "Europe/Berlin" });
    // tz defaults to the team's
    expect((await get("period=2026-03")).body.period.start).toBe(new Date(START).toISOString());
  });

  it("SLI and budget consumed equal the hourly sums of the version in force, computed independently", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    let good = 0,
      total = 0,
      allowed = 0,
      hours = 0;
    for (let h = START; h < END; h += H) {
      const v = versionAt(h);
      const row = ROWS[v].find((x) => x.hour === h)!;
      good += row.good;
      total += row.total;
      allowed += (1 - V[v].objective) * row.total;
      hours += 1;
    }
    expect(hours).toBe(743);
    const api = r.services.find((s: { slug: string }) => s.slug === "rpt-api");
    const slo = api.slos[0];
    expect(slo).toMatchObject({
      name: "rpt-availability",
      state: "reported",
      objective: 0.999,
      window: "rolling 7 d",
      versions: [1, 2],
      good,
      total,
      bad: total - good,
      hoursWithData: 743,
      hoursInPeriod: 743,
      freezeAtOrBelow: 0.2,
      policyScope: "team",
    });
    expect(slo.sli).toBeCloseTo(good / total, 12);
    expect(slo.budgetConsumed).toBeCloseTo((total - good) / allowed, 9);
    expect(slo.allowedBad).toBeCloseTo(allowed, 6);

    const web = r.services.find((s: { slug: string }) => s.slug === "rpt-web");
    expect(web.slos.map((s: { name: string }) => s.name)).toEqual(["rpt-web-latency", "rpt-web-unsigned"]);
    // No traffic is "no data", not a healthy 0 % spent; the unsigned SLO shows its proposed objective, marked
    // pending, rather than "0.000 %" (issue 11 items 5 and 15).
    expect(web.slos[0]).toMatchObject({
      state: "no_data",
      total: 0,
      sli: null,
      budgetConsumed: null,
      hoursWithData: 0,
      daysFrozen: 0,
    });
    expect(web.slos[1]).toMatchObject({
      state: "pending_sign_off",
      objective: 0.99,
      window: "rolling 7 d",
      total: 0,
      sli: null,
    });
    expect(r.sloSummary).toMatchObject({ slos: 3, reported: 1, noData: 1, pendingSignOff: 1 });
  });

  it("frozen days: end-of-day remaining of the 7-day window at or below the policy's 20 %", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    const slo = r.services.find((s: { slug: string }) => s.slug === "rpt-api").slos[0];
    const expected: { date: string; remaining: number; frozen: boolean }[] = [];
    for (let d = 1; d <= 31; d += 1) {
      const e = dayEnd(d);
      const v = versionAt(e - 1);
      let good = 0,
        total = 0;
      for (const row of ROWS[v]) {
        if (row.hour < e - 7 * DAY || row.hour >= e) continue;
        good += row.good;
        total += row.total;
      }
      const remaining = 1 - (total - good) / ((1 - V[v].objective) * total);
      expected.push({ date: `2026-03-${String(d).padStart(2, "0")}`, remaining, frozen: remaining <= 0.2 });
    }
    expect(slo.daily.map((x: { date: string }) => x.date)).toEqual(expected.map((x) => x.date));
    slo.daily.forEach((x: { remaining: number; frozen: boolean; evaluated: boolean }, i: number) => {
      expect(x.evaluated).toBe(true);
      expect(x.remaining).toBeCloseTo(expected[i]!.remaining, 9);
      expect(x.frozen, expected[i]!.date).toBe(expected[i]!.frozen);
    });
    const frozen = expected.filter((x) => x.frozen).length;
    expect(frozen).toBeGreaterThan(0);
    expect(frozen).toBeLessThan(31);
    expect(slo).toMatchObject({ daysFrozen: frozen, daysEvaluated: 31 });
  });

  it("incidents by severity with budget impact, and postmortem timeliness", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    expect(r.incidents.items.map((i: { number: number }) => i.number)).toEqual([
      numbers.a,
      numbers.b,
      numbers.c,
      numbers.d,
    ]);
    expect(r.incidents.bySeverity).toEqual([
      { severity: "SEV-1", count: 1, budgetConsumed: 0 },
      { severity: "SEV-2", count: 2, budgetConsumed: 1.2 },
      { severity: "SEV-3", count: 1, budgetConsumed: 0 },
    ]);
    const a = r.incidents.items[0];
    expect(a).toMatchObject({
      severity: "SEV-2",
      services: ["rpt-api"],
      budgetConsumed: 1.2,
      impacts: [{ sloName: "rpt-availability", serviceSlug: "rpt-api", budgetConsumed: 1.2 }],
    });
    // A is owned by the other team (UTC): resolved Tue 10 March → due Tue 17 March 23:59:59.999 UTC, in the owner's zone
    expect(a.postmortem).toEqual({
      timeliness: "on_time",
      dueAt: "2026-03-17T23:59:59.999Z",
      publishedAt: new Date(OUTAGE[1]! + 2 * DAY).toISOString(),
    });
    expect(r.incidents.items[1]).toMatchObject({
      severity: "SEV-1",
      startedAt: "2026-03-20T12:00:00.000Z",
      postmortem: { timeliness: "missing", publishedAt: null },
    });
    expect(r.incidents.items[2].postmortem).toEqual({
      timeliness: "late",
      dueAt: "2026-04-07T21:59:59.999Z",
      publishedAt: "2026-04-20T00:00:00.000Z",
    });
    expect(r.incidents.items[3].postmortem.timeliness).toBe("not_required");
    expect(r.postmortems).toEqual({ required: 3, on_time: 1, late: 1, missing: 1, pending: 0, unresolved: 0 });
    const slo = r.services.find((s: { slug: string }) => s.slug === "rpt-api").slos[0];
    expect(slo.incidentBudgetConsumed).toBe(1.2);
  });

  it("action items opened, closed and overdue at the end of the period", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    expect(r.actionItems).toMatchObject({ opened: 4, closed: 1, wontDo: 1, overdue: 2, overdueHighPriority: 2 });
    expect(r.actionItems.overdueItems.map((i: { title: string }) => i.title)).toEqual([
      "old, done after March",
      "open overdue P1",
    ]);
    expect(r.actionItems.overdueItems[1].dueAt).toBe("2026-03-20T22:59:59.999Z");
  });

  it("on-call load: pages per shift and sleep-hour pages on the schedule's clock", async () => {
    const r = (await get("period=2026-03&tz=Europe/Berlin")).body;
    expect(r.oncall.pagesForTeamServices).toBe(4);
    expect(r.oncall.schedules).toHaveLength(1);
    const s = r.oncall.schedules[0];
    expect(s.id).toBe(scheduleId);
    // Shifts in March: Ben (from 1 March 00:00), Ana 2–9, Ben 9–16, Ana 16–23, Ben 23–30, Ana 30 March–1 April.
    expect(
      s.shifts.map((x: { user: { id: string }; start: string; pages: number; sleepHourPages: number }) => [
        x.user.id === ana ? "ana" : "ben",
        x.start,
        x.pages,
        x.sleepHourPages,
      ]),
    ).toEqual([
      ["ben", new Date(START).toISOString(), 0, 0],
      ["ana", "2026-03-02T08:00:00.000Z", 3, 1],
      ["ben", "2026-03-09T08:00:00.000Z", 0, 0],
      ["ana", "2026-03-16T08:00:00.000Z", 0, 0],
      ["ben", "2026-03-23T08:00:00.000Z", 1, 1],
      ["ana", "2026-03-30T07:00:00.000Z", 0, 0],
    ]);
    expect(s.shifts[5].end).toBe(new Date(END).toISOString());
    expect(s).toMatchObject({
      pages: 4,
      sleepHourPages: 2,
      maxPagesInShift: 3,
      shiftsOverLimit: 1,
      limitPerShift: 2,
      sleepWindow: { start: "22:00", end: "07:00", timezone: "Europe/Berlin" },
    });
    expect(s.pagesPerShift).toBeCloseTo(4 / 6, 12);
    const people = Object.fromEntries(
      s.people.map((p: { user: { id: string }; pages: number; shifts: number; hoursOnCall: number }) => [
        p.user.id === ana ? "ana" : "ben",
        [p.shifts, p.pages, p.hoursOnCall],
      ]),
    );
    // Ana: 168 + 168 + 39 h (30 March 09:00 CEST → 1 April 00:00); Ben: 33 h (1 March 00:00 CET → 2 March
    // 09:00) + 168 + 167 h (the shift across the switch to summer time is an hour short)
    expect(people).toEqual({ ana: [3, 3, 168 + 168 + 39], ben: [3, 1, 33 + 168 + 167] });
  });

  it("exports CSV and Markdown with the same numbers", async () => {
    const json = (await get("period=2026-03&tz=Europe/Berlin")).body;
    const slo = json.services.find((s: { slug: string }) => s.slug === "rpt-api").slos[0];
    const csv = await get("period=2026-03&tz=Europe/Berlin&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="reliability-rpt-team-2026-03.csv"');
    const lines = (csv.body as string).split("\r\n");
    expect(lines[0]).toBe("section,service,slo,subject,metric,value");
    expect(lines).toContain(`slo,rpt-api,rpt-availability,,total,${slo.total}`);
    expect(lines).toContain(`slo,rpt-api,rpt-availability,,days_frozen,${slo.daysFrozen}`);
    expect(lines).toContain(`slo,rpt-api,rpt-availability,,budget_consumed,${slo.budgetConsumed}`);
    expect(lines).toContain("postmortems,,,,late,1");
    expect(lines).toContain("oncall_schedule,,,rpt-primary,sleep_hour_pages,2");
    const md = await get("period=2026-03&tz=Europe/Berlin&format=md");
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.body).toContain("# Report team: reliability report 2026-03");
    expect(md.body).toContain(`| rpt-api | rpt-availability | 99.900 % | ${(slo.sli * 100).toFixed(3)} % |`);
    expect(md.body).toContain("| 3 | 1 | 1 | 1 | 0 | 0 |");
  });

  it("a quarter sums its three months", async () => {
    const q = (await get("period=2026-Q1&tz=Europe/Berlin")).body;
    expect(q.period).toMatchObject({
      kind: "quarter",
      days: 90,
      start: "2025-12-31T23:00:00.000Z",
      end: new Date(END).toISOString(),
    });
    const slo = q.services.find((s: { slug: string }) => s.slug === "rpt-api").slos[0];
    // rollups exist from 20 February on; hours before have no data
    let total = 0;
    for (let h = ROLL_FROM; h < END; h += H) total += ROWS[versionAt(h)].find((x) => x.hour === h)!.total;
    expect(slo.total).toBe(total);
    expect(slo.hoursWithData).toBe((END - ROLL_FROM) / H);
  });

  it("rejects bad periods, zones and formats by field; unknown team 404; a future period 422", async () => {
    const cases: [string, string][] = [
      ["period=2026-13", "period"],
      ["period=2026-Q5", "period"],
      ["", "period"],
      ["period=2026-03&tz=Mars/Olympus", "tz"],
      ["period=2026-03&format=pdf", "format"],
    ];
    for (const [query, field] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(422);
      expect(Object.keys(res.body.error.fields), query).toContain(field);
    }
    expect((await get("period=2026-03", "rpt-nope")).status).toBe(404);
    const future = await get(`period=${new Date().getUTCFullYear() + 1}-01`);
    expect(future.status).toBe(422);
    expect(future.body.error.fields.period).toBe("has not started yet");
  });
});
