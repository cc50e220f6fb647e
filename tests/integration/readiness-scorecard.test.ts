import { beforeAll, describe, expect, it } from "vitest";
import * as home from "@/app/api/v1/home/route";
import * as scorecard from "@/app/api/v1/scorecard/route";
import * as sloStatus from "@/app/api/v1/slos/[id]/status/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// The readiness scorecard and the home page over the REST API, on rows written directly to the database
// (the on-call, incident and SLO services are not involved): one service passes every check, one fails
// every check, one fails only the schedule-gap part of the escalation check. Slugs are unique to this file.

const DAY = 86_400_000;
const NOW = Date.now();
const T = "rdy-team";

type Check = { key: string; status: string; reason: string; details: string[]; link: { href: string } };
type ServiceScore = { service: { slug: string }; checks: Check[]; passed: number; ready: boolean };

describe("readiness scorecard and home", () => {
  let admin: string, member: string, viewer: string, outsider: string;
  let ana: string, ben: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = await getDb();
    const team = await db.team.create({ data: { slug: T, name: "Readiness team", timezone: "Europe/Berlin" } });
    await db.team.create({ data: { slug: "rdy-other", name: "Other readiness team" } });
    admin = (await userWithToken("admin")).token;
    member = (await userWithToken("editor", [T])).token;
    viewer = (await userWithToken("viewer")).token;
    outsider = (await userWithToken("editor", ["rdy-other"])).token;
    const a = await userWithToken("editor", [T]);
    const b = await userWithToken("editor", [T]);
    ana = a.id;
    ben = b.id;
    const svc = async (slug: string) =>
      (ids[slug] = (await db.service.create({ data: { slug, name: slug, teamId: team.id, tier: 1 } })).id);
    await svc("rdy-good");
    await svc("rdy-bad");
    await svc("rdy-gap");

    // SLOs. good: signed off, alerting with a runbook; the availability SLI is the scenario's payments
    // service (1 % errors against 99.9 %: the budget is overspent, so home lists it as frozen).
    const sli = {
      kind: "ratio",
      total: 'http_requests_total{service="payments"}',
      bad: 'http_requests_total{service="payments",code=~"5.."}',
    };
    const window = { kind: "rolling", days: 30 };
    const slo = async (
      serviceId: string,
      name: string,
      data: { runbookUrl?: string | null; alerting?: boolean },
      versions: { status: string; reviewedAt: Date | null }[],
    ) => {
      const row = await db.slo.create({
        data: { serviceId, name, runbookUrl: data.runbookUrl ?? null, alerting: data.alerting ?? true },
      });
      for (const [i, v] of versions.entries()) {
        await db.sloVersion.create({
          data: {
            sloId: row.id,
            number: i + 1,
            sliKind: "ratio",
            sli,
            objective: 0.999,
            window,
            status: v.status,
            reviewedAt: v.reviewedAt,
            effectiveFrom: new Date(NOW - 40 * DAY + i * DAY),
          },
        });
      }
      return (ids[name] = row.id);
    };
    await slo(ids["rdy-good"]!, "rdy-good-availability", { runbookUrl: "https://runbooks.example.com/good" }, [
      { status: "superseded", reviewedAt: new Date(NOW - 40 * DAY) },
      { status: "active", reviewedAt: new Date(NOW - 39 * DAY) },
    ]);
    await slo(ids["rdy-bad"]!, "rdy-bad-pending", {}, [{ status: "pending", reviewedAt: null }]);
    await slo(ids["rdy-bad"]!, "rdy-bad-unreviewed", { runbookUrl: "https://runbooks.example.com/bad" }, [
      { status: "active", reviewedAt: null },
    ]);
    await slo(
      ids["rdy-gap"]!,
      "rdy-gap-availability",
      { runbookUrl: "https://runbooks.example.com/gap", alerting: false },
      [{ status: "active", reviewedAt: new Date(NOW - 30 * DAY) }],
    );

    // Budget policies: the team's default is agreed (good, gap); bad overrides it with an unagreed one.
    await db.budgetPolicy.create({
      data: { teamId: team.id, agreedBy: "Head of SRE", agreedAt: new Date(NOW - 50 * DAY) },
    });
    await db.budgetPolicy.create({ data: { serviceId: ids["rdy-bad"]!, agreedBy: "", atRiskBelow: 0.5 } });

    // On-call: a weekly two-person rotation with no end (covers 30 days), and one that ends in 10 days.
    const schedule = async (name: string, endAt: Date | null) => {
      const s = await db.schedule.create({ data: { teamId: team.id, name, timezone: "Europe/Berlin" } });
      await db.scheduleLayer.create({
        data: {
          scheduleId: s.id,
          lineageId: `${s.id}-l1`,
          name: "Primary",
          rotationUnit: "week",
          handoffTime: "09:00",
          startAt: new Date(NOW - 60 * DAY),
          endAt,
          participants: [ana, ben],
        },
      });
      return (ids[name] = s.id);
    };
    await schedule("rdy-primary", null);
    await schedule("rdy-ending", new Date(NOW + 10 * DAY));
    const policy = async (name: string, steps: unknown[][], serviceIds: string[]) => {
      const p = await db.escalationPolicy.create({
        data: {
          teamId: team.id,
          name,
          steps: {
            create: steps.map((targets, i) => ({ position: i, delayMinutes: 10, targets: targets as object[] })),
          },
        },
      });
      await db.service.updateMany({ where: { id: { in: serviceIds } }, data: { escalationPolicyId: p.id } });
      return (ids[name] = p.id);
    };
    await policy(
      "rdy-two-steps",
      [[{ kind: "schedule", scheduleId: ids["rdy-primary"] }], [{ kind: "user", userId: ben }]],
      [ids["rdy-good"]!],
    );
    await policy("rdy-one-step", [[{ kind: "schedule", scheduleId: ids["rdy-primary"] }]], [ids["rdy-bad"]!]);
    await policy(
      "rdy-gappy",
      [[{ kind: "schedule", scheduleId: ids["rdy-ending"] }], [{ kind: "schedule", scheduleId: ids["rdy-primary"] }]],
      [ids["rdy-gap"]!],
    );

    // Incidents: good has a SEV-2 whose postmortem was published the day after; bad has an unpublished SEV-1
    // resolved 20 days ago (long past its 5-business-day deadline) and an open SEV-2.
    const incident = async (
      title: string,
      severity: string,
      serviceId: string,
      resolvedAt: Date | null,
      publishedAt: Date | null | undefined,
    ) => {
      const i = await db.incident.create({
        data: {
          title,
          severity,
          status: resolvedAt ? "resolved" : "investigating",
          teamId: team.id,
          impactStartAt: new Date((resolvedAt?.getTime() ?? NOW) - 3_600_000),
          resolvedAt,
          services: { create: [{ serviceId }] },
        },
      });
      if (publishedAt !== undefined)
        await db.postmortem.create({
          data: { incidentId: i.id, status: publishedAt ? "published" : "draft", publishedAt },
        });
      return i;
    };
    await incident("rdy good outage", "SEV-2", ids["rdy-good"]!, new Date(NOW - 10 * DAY), new Date(NOW - 9 * DAY));
    const overdue = await incident("rdy bad outage", "SEV-1", ids["rdy-bad"]!, new Date(NOW - 20 * DAY), null);
    ids.overdueIncident = String(overdue.number);
    const open = await incident("rdy ongoing", "SEV-2", ids["rdy-bad"]!, null, undefined);
    ids.openIncident = String(open.number);

    // Action items: good's P1 is done; bad has an open P0 due a week ago; a P2 overdue does not count.
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await db.actionItem.create({
      data: {
        serviceId: ids["rdy-good"]!,
        title: "rdy done P1",
        priority: "P1",
        type: "prevent",
        dueDate: date(NOW - 7 * DAY),
        dueTimezone: "Europe/Berlin",
        status: "done",
        completedAt: new Date(NOW - 8 * DAY),
      },
    });
    await db.actionItem.create({
      data: {
        serviceId: ids["rdy-good"]!,
        title: "rdy late P2",
        priority: "P2",
        type: "detect",
        dueDate: date(NOW - 7 * DAY),
        dueTimezone: "Europe/Berlin",
      },
    });
    await db.actionItem.create({
      data: {
        incidentId: overdue.id,
        serviceId: ids["rdy-bad"]!,
        title: "rdy overdue P0",
        priority: "P0",
        type: "prevent",
        dueDate: date(NOW - 7 * DAY),
        dueTimezone: "Europe/Berlin",
        status: "in_progress",
      },
    });

    // An open page for the bad service.
    const page = await db.page.create({
      data: {
        groupKey: "rdy",
        openKey: `rdy:${NOW}`,
        serviceId: ids["rdy-bad"]!,
        title: "rdy high error rate",
        openedAt: new Date(NOW - 600_000),
      },
    });
    ids.page = page.id;

    // The scorecard reads the status read model, whose first computation may outlast the reader's 2 s
    // wait on a loaded machine ("computing" = no figures = no_data): wait until the signed-off SLOs have theirs.
    for (const name of ["rdy-good-availability", "rdy-gap-availability", "rdy-bad-unreviewed"]) {
      for (let tries = 0; ; tries++) {
        const res = await call(sloStatus.GET, {
          token: admin,
          url: `/api/v1/slos/${ids[name]}/status`,
          params: { id: ids[name]! },
        });
        if (res.status === 200 && !res.body.computing) break;
        if (tries > 120) throw new Error(`status of ${name} not computed: ${res.status} ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  });

  const get = async (token: string, query = "") => call(scorecard.GET, { token, url: `/api/v1/scorecard${query}` });
  const score = (body: { teams: { team: { slug: string }; serviceScores: ServiceScore[] }[] }, slug: string) =>
    body.teams.flatMap((t) => t.serviceScores).find((s) => s.service.slug === slug)!;
  const status = (s: ServiceScore) => Object.fromEntries(s.checks.map((c) => [c.key, c.status]));

  it("a service with everything in place passes all six checks", async () => {
    const res = await get(viewer, `?team=${T}`);
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe("team");
    const good = score(res.body, "rdy-good");
    expect(status(good)).toEqual({
      slo_signed_off: "pass",
      runbooks: "pass",
      budget_policy: "pass",
      escalation: "pass",
      postmortems: "pass",
      action_items: "pass",
    });
    expect(good).toMatchObject({ passed: 6, ready: true });
    const byKey = Object.fromEntries(good.checks.map((c) => [c.key, c]));
    expect(byKey.budget_policy!.reason).toMatch(/^The team's policy was agreed by Head of SRE on \d{4}-\d{2}-\d{2}\.$/);
    expect(byKey.escalation!.reason).toBe(
      "rdy-two-steps: 2 steps; 1 schedule(s) with someone on call for the next 30 days.",
    );
    expect(byKey.postmortems!.reason).toBe("1 SEV-1/2 postmortem(s) published on time.");
  });

  it("a service missing everything fails all six checks, each with its reason and a link to fix it", async () => {
    const bad = score((await get(viewer, `?team=${T}`)).body, "rdy-bad");
    expect(status(bad)).toEqual({
      slo_signed_off: "fail",
      runbooks: "fail",
      budget_policy: "fail",
      escalation: "fail",
      postmortems: "fail",
      action_items: "fail",
    });
    expect(bad).toMatchObject({ passed: 0, ready: false });
    const c = Object.fromEntries(bad.checks.map((x) => [x.key, x]));
    expect(c.slo_signed_off!.details).toEqual([
      "rdy-bad-pending: version 1 awaits sign-off; no version is in force",
      "rdy-bad-unreviewed: version 1 is in force but was never signed off",
    ]);
    expect(c.slo_signed_off!.link.href).toBe(`/slos/${ids["rdy-bad-pending"]}`);
    expect(c.runbooks!.details).toEqual(["rdy-bad-pending: no runbook URL and no in-app runbook"]);
    expect(c.budget_policy!.reason).toBe("The service's own error-budget policy names nobody who agreed to it.");
    expect(c.budget_policy!.link.href).toBe("/services/rdy-bad/policy");
    expect(c.escalation!.reason).toMatch(/rdy-one-step has 1 step\(s\); at least 2/);
    expect(c.escalation!.link.href).toBe(`/oncall/policies/${ids["rdy-one-step"]}`);
    expect(c.postmortems!.details[0]).toMatch(
      new RegExp(`^INC-${ids.overdueIncident} SEV-1 rdy bad outage: not published, due `),
    );
    expect(c.postmortems!.link.href).toBe(`/incidents/${ids.overdueIncident}/postmortem`);
    expect(c.action_items!.details[0]).toMatch(/^P0 rdy overdue P0 \(INC-\d+\): due \d{4}-\d{2}-\d{2} Europe\/Berlin/);
    expect(c.action_items!.link.href).toBe("/action-items?service=rdy-bad&overdue=true");
  });

  it("a schedule with a gap inside 30 days fails the escalation check alone", async () => {
    const gap = score((await get(viewer, `?team=${T}`)).body, "rdy-gap");
    expect(gap.checks.filter((c) => c.status === "fail").map((c) => c.key)).toEqual(["escalation"]);
    const esc = gap.checks.find((c) => c.key === "escalation")!;
    expect(esc.link.href).toBe(`/oncall/schedules/${ids["rdy-ending"]}`);
    expect(esc.details[0]).toMatch(/^rdy-ending: 1 gap\(s\), 480 h with nobody on call/);
  });

  it("rolls the checks up per team", async () => {
    const t = (await get(viewer, `?team=${T}`)).body.teams[0];
    expect(t).toMatchObject({
      team: { slug: T, timezone: "Europe/Berlin" },
      services: 3,
      readyServices: 1,
      passedChecks: 11,
      totalChecks: 18,
    });
    expect(t.score).toBeCloseTo(11 / 18, 12);
    expect(t.byCheck.escalation).toEqual({
      pass: 1,
      fail: 2,
      noData: 0,
      failing: ["rdy-bad", "rdy-gap"],
      withoutData: [],
    });
    expect(t.byCheck.action_items).toEqual({ pass: 2, fail: 1, noData: 0, failing: ["rdy-bad"], withoutData: [] });
  });

  it("defaults to the caller's own teams (admins and people in no team: all); bad input is 4xx", async () => {
    expect((await get(member)).body.teams.map((t: { team: { slug: string } }) => t.team.slug)).toEqual([T]);
    expect((await get(member)).body.scope).toBe("mine");
    expect((await get(outsider)).body.teams.map((t: { team: { slug: string } }) => t.team.slug)).toEqual(["rdy-other"]);
    const all = (await get(admin)).body;
    expect(all.scope).toBe("all");
    expect(all.teams.map((t: { team: { slug: string } }) => t.team.slug)).toEqual(
      expect.arrayContaining([T, "rdy-other"]),
    );
    expect((await get(viewer)).body.scope).toBe("all");
    const bad = await get(viewer, "?team=NOT%20A%20SLUG");
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.team).toBeDefined();
    expect((await get(viewer, "?team=rdy-nope")).status).toBe(404);
    expect((await call(scorecard.GET, { url: "/api/v1/scorecard" })).status).toBe(401);
  });

  it("home lists what needs attention in my teams, each linking to its page", async () => {
    const res = await call(home.GET, { token: member, url: "/api/v1/home" });
    expect(res.status).toBe(200);
    const h = res.body;
    expect(h.scope).toBe("mine");
    expect(h.teams).toEqual([{ slug: T, name: "Readiness team" }]);
    // payments-like traffic burns 10× the budget: frozen under the team's policy
    const slo = h.slos.items.find((s: { id: string }) => s.id === ids["rdy-good-availability"]);
    expect(slo, JSON.stringify(h.slos)).toMatchObject({
      state: "frozen",
      href: `/slos/${ids["rdy-good-availability"]}`,
      service: { slug: "rdy-good" },
    });
    expect(slo.remaining).toBeLessThan(0);
    // on call now: both schedules, someone of the two-person rotation, until the next weekly handoff
    expect(h.oncall.map((o: { schedule: { name: string } }) => o.schedule.name)).toEqual(["rdy-ending", "rdy-primary"]);
    const primary = h.oncall.find((o: { schedule: { name: string } }) => o.schedule.name === "rdy-primary");
    expect(primary.users).toHaveLength(1);
    expect([ana, ben]).toContain(primary.users[0].id);
    expect(primary.next[0].id).not.toBe(primary.users[0].id);
    expect(Date.parse(primary.until) - NOW).toBeLessThanOrEqual(7 * DAY);
    expect(primary.href).toBe(`/oncall/schedules/${ids["rdy-primary"]}`);
    expect(h.incidents.items.map((i: { number: number; href: string }) => [i.number, i.href])).toEqual([
      [Number(ids.openIncident), `/incidents/${ids.openIncident}`],
    ]);
    expect(h.pages.items).toEqual([
      expect.objectContaining({
        id: ids.page,
        status: "triggered",
        service: "rdy-bad",
        href: `/oncall/pages/${ids.page}`,
      }),
    ]);
    expect(h.postmortems.items).toEqual([
      expect.objectContaining({
        number: Number(ids.overdueIncident),
        status: "missing",
        severity: "SEV-1",
        href: `/incidents/${ids.overdueIncident}/postmortem`,
      }),
    ]);
    expect(h.actionItems.items.map((a: { title: string }) => a.title)).toEqual(["rdy overdue P0", "rdy late P2"]);
    expect(h.actionItems.items[0].href).toBe(`/incidents/${ids.overdueIncident}`);
  });

  it("home of someone in another team shows none of it", async () => {
    const h = (await call(home.GET, { token: outsider, url: "/api/v1/home" })).body;
    expect(h.teams).toEqual([{ slug: "rdy-other", name: "Other readiness team" }]);
    expect(h.slos.items).toEqual([]);
    expect(h.oncall).toEqual([]);
    expect(h.incidents.total).toBe(0);
    expect(h.pages.total).toBe(0);
    expect(h.postmortems.items).toEqual([]);
    expect(h.actionItems.items).toEqual([]);
  });
});
