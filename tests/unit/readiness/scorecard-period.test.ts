import { describe, expect, it } from "vitest";
import {
  evaluateService,
  monthKeyAt,
  parsePeriod,
  previousMonthKey,
  rollUpTeam,
  type ServiceFacts,
} from "@/lib/readiness";

const NOW = Date.UTC(2026, 10, 2, 12);
const ready: ServiceFacts = {
  service: { slug: "checkout", name: "Checkout", tier: 1 },
  team: { slug: "commerce", name: "Commerce", timezone: "Europe/Berlin" },
  slos: [
    {
      id: "s1",
      name: "availability",
      alerting: true,
      runbookUrl: "https://r.example.com",
      inAppRunbook: false,
      versions: [{ number: 1, status: "active", reviewedAtMs: 1 }],
      dataInWindow: true,
    },
  ],
  ownPolicy: null,
  teamPolicy: { agreedBy: "Bob", agreedAtMs: 1 },
  escalation: {
    id: "p1",
    name: "Checkout",
    steps: [{ targets: [{ kind: "schedule", scheduleId: "sch" }] }, { targets: [{ kind: "user", userId: "bob" }] }],
  },
  schedules: [
    {
      id: "sch",
      name: "Primary",
      overrides: [],
      schedule: {
        timezone: "UTC",
        layers: [
          {
            id: "l",
            name: "l",
            priority: 0,
            rotation: { unit: "day", every: 1 },
            handoffTime: "09:00",
            startMs: Date.UTC(2026, 0, 1),
            participants: ["a", "b"],
          },
        ],
      },
    },
  ],
  incidents: [],
  actionItems: [],
};

describe("scorecard", () => {
  it("a service passing all six checks is ready; one failing is not, and the team roll-up counts both", () => {
    const good = evaluateService(ready, NOW);
    expect(good.checks.map((c) => [c.key, c.status])).toEqual([
      ["slo_signed_off", "pass"],
      ["runbooks", "pass"],
      ["budget_policy", "pass"],
      ["escalation", "pass"],
      ["postmortems", "pass"],
      ["action_items", "pass"],
    ]);
    expect(good).toMatchObject({ passed: 6, total: 6, ready: true });

    const bad = evaluateService(
      {
        ...ready,
        service: { slug: "payments", name: "Payments", tier: 1 },
        slos: [],
        teamPolicy: null,
        escalation: null,
      },
      NOW,
    );
    expect(bad.checks.filter((c) => c.status === "fail").map((c) => c.key)).toEqual([
      "slo_signed_off",
      "budget_policy",
      "escalation",
    ]);
    expect(bad).toMatchObject({ passed: 3, ready: false });

    const team = rollUpTeam({ slug: "commerce", name: "Commerce" }, [good, bad]);
    expect(team).toMatchObject({ services: 2, readyServices: 1, passedChecks: 9, totalChecks: 12, score: 0.75 });
    expect(team.byCheck.escalation).toEqual({ pass: 1, fail: 1, noData: 0, failing: ["payments"], withoutData: [] });
    expect(team.byCheck.runbooks).toEqual({ pass: 2, fail: 0, noData: 0, failing: [], withoutData: [] });
    expect(rollUpTeam({ slug: "x", name: "X" }, []).score).toBeNull();
  });

  it("an SLO without data makes the sign-off check 'no data': not passed, not ready, counted apart in the roll-up", () => {
    const quiet = evaluateService(
      {
        ...ready,
        service: { slug: "search", name: "Search", tier: 2 },
        slos: [{ ...ready.slos[0]!, dataInWindow: false }],
      },
      NOW,
    );
    expect(quiet.checks[0]).toMatchObject({ key: "slo_signed_off", status: "no_data" });
    expect(quiet).toMatchObject({ passed: 5, ready: false });
    const team = rollUpTeam({ slug: "commerce", name: "Commerce" }, [evaluateService(ready, NOW), quiet]);
    expect(team.byCheck.slo_signed_off).toEqual({ pass: 1, fail: 0, noData: 1, failing: [], withoutData: ["search"] });
    expect(team).toMatchObject({ readyServices: 1, passedChecks: 11, totalChecks: 12 });
  });
});

describe("report periods", () => {
  it("March 2026 in Berlin: local midnights, 31 days, one hour short (DST starts 29 March)", () => {
    const p = parsePeriod("2026-03", "Europe/Berlin");
    expect(new Date(p.startMs).toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(new Date(p.endMs).toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect((p.endMs - p.startMs) / 3_600_000).toBe(743);
    expect(p.days).toHaveLength(31);
    expect(p.days[28]).toEqual({
      date: "2026-03-29",
      startMs: Date.UTC(2026, 2, 28, 23),
      endMs: Date.UTC(2026, 2, 29, 22),
    });
    expect(p.kind).toBe("month");
  });

  it("quarters: Q1 2027 in UTC is 90 days, Q4 ends on 1 January", () => {
    const q1 = parsePeriod("2027-Q1", "UTC");
    expect(q1.days).toHaveLength(90);
    expect(q1.kind).toBe("quarter");
    expect(new Date(parsePeriod("2026-Q4", "America/New_York").endMs).toISOString()).toBe("2027-01-01T05:00:00.000Z");
  });

  it("rejects malformed keys and unknown zones", () => {
    expect(() => parsePeriod("2026-13", "UTC")).toThrow(RangeError);
    expect(() => parsePeriod("2026-Q5", "UTC")).toThrow(/2027-03/);
    expect(() => parsePeriod("2026-03", "Mars/Olympus")).toThrow(/time zone/);
  });

  it("month keys in a zone", () => {
    const newYearBerlin = Date.UTC(2026, 11, 31, 23, 30); // already 1 January in Berlin
    expect(monthKeyAt(newYearBerlin, "Europe/Berlin")).toBe("2027-01");
    expect(monthKeyAt(newYearBerlin, "UTC")).toBe("2026-12");
    expect(previousMonthKey(newYearBerlin, "Europe/Berlin")).toBe("2026-12");
  });
});
