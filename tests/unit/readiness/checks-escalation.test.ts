import { describe, expect, it } from "vitest";
import { checkEscalation, type EscalationFacts, type ScheduleFacts } from "@/lib/readiness";
import type { Layer } from "@/lib/oncall";

const svc = { slug: "checkout", timezone: "Europe/Berlin" };
const NOW = Date.UTC(2026, 10, 2, 12); // Mon 2 Nov 2026
const DAY = 86_400_000;

const weekly = (participants: (string | null)[], extra: Partial<Layer> = {}): Layer => ({
  id: "primary",
  name: "Primary",
  priority: 0,
  rotation: { unit: "week", every: 1 },
  handoffTime: "09:00",
  startMs: Date.UTC(2026, 9, 5),
  participants,
  ...extra,
});
const schedule = (id: string, layers: Layer[]): ScheduleFacts => ({
  id,
  name: `sched-${id}`,
  schedule: { timezone: "Europe/Berlin", layers },
  overrides: [],
});
const policy = (steps: EscalationFacts["steps"]): EscalationFacts => ({
  id: "pol1",
  name: "Checkout escalation",
  steps,
});
const twoSteps = policy([
  { targets: [{ kind: "schedule", scheduleId: "s1" }] },
  { targets: [{ kind: "user", userId: "boss" }] },
]);

describe("check (d): escalation policy with ≥ 2 steps and a gap-free schedule", () => {
  it("passes with two steps and a schedule covering the next 30 days", () => {
    const r = checkEscalation(svc, twoSteps, [schedule("s1", [weekly(["ana", "ben"])])], NOW);
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("Checkout escalation: 2 steps; 1 schedule(s) with someone on call for the next 30 days.");
    expect(r.link.href).toBe("/oncall/policies/pol1");
  });

  it("fails without a policy and links to creating one", () => {
    const r = checkEscalation(svc, null, [], NOW);
    expect(r.status).toBe("fail");
    expect(r.link.href).toBe("/oncall/policies/new");
  });

  it("fails with a single step", () => {
    const r = checkEscalation(
      svc,
      policy([{ targets: [{ kind: "schedule", scheduleId: "s1" }] }]),
      [schedule("s1", [weekly(["ana"])])],
      NOW,
    );
    expect(r.status).toBe("fail");
    expect(r.reason).toMatch(/has 1 step\(s\); at least 2/);
  });

  it("fails when the steps page named people only", () => {
    const r = checkEscalation(
      svc,
      policy([{ targets: [{ kind: "user", userId: "a" }] }, { targets: [{ kind: "user", userId: "b" }] }]),
      [],
      NOW,
    );
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("Escalation policy Checkout escalation pages only named people, no on-call schedule.");
  });

  it("fails when a targeted schedule was deleted", () => {
    const r = checkEscalation(svc, twoSteps, [], NOW);
    expect(r.status).toBe("fail");
    expect(r.details).toEqual(["schedule s1: deleted"]);
  });

  it("fails when the layer ends inside the horizon (a gap from then on) and links to the schedule", () => {
    const ending = weekly(["ana", "ben"], { endMs: NOW + 10 * DAY });
    const r = checkEscalation(svc, twoSteps, [schedule("s1", [ending])], NOW);
    expect(r.status).toBe("fail");
    expect(r.link.href).toBe("/oncall/schedules/s1");
    expect(r.details[0]).toBe(
      `sched-s1: 1 gap(s), 480 h with nobody on call, the first from 2026-11-12 13:00 Europe/Berlin`,
    );
    // In the team's zone, like the rest of the app: New York's team reads its own wall clock.
    expect(
      checkEscalation({ ...svc, timezone: "America/New_York" }, twoSteps, [schedule("s1", [ending])], NOW).details[0],
    ).toMatch(/the first from 2026-11-12 07:00 America\/New_York$/);
  });

  it("fails on an explicit empty slot (NOBODY) in the rotation", () => {
    const r = checkEscalation(svc, twoSteps, [schedule("s1", [weekly(["ana", null])])], NOW);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("1 on-call schedule(s) of Checkout escalation have gaps in the next 30 days.");
  });

  it("an override filling the gap makes it pass", () => {
    const ending = weekly(["ana", "ben"], { endMs: NOW + 10 * DAY });
    const s = schedule("s1", [ending]);
    s.overrides = [{ id: "o1", kind: "replace", userId: "cem", startMs: NOW + 10 * DAY, endMs: NOW + 31 * DAY }];
    expect(checkEscalation(svc, twoSteps, [s], NOW).status).toBe("pass");
  });
});
