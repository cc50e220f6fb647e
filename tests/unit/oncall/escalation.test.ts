import { describe, expect, it } from "vitest";
import { escalationPlan, nextEscalation, OncallDefinitionError, stepDueAt, type EscalationPolicy } from "@/lib/oncall";

const MIN = 60_000;
const opened = Date.parse("2027-05-01T12:00:00Z");
const policy: EscalationPolicy = {
  steps: [
    { delayMinutes: 5, targets: [{ kind: "schedule", scheduleId: "primary" }] },
    { delayMinutes: 10, targets: [{ kind: "schedule", scheduleId: "secondary" }] },
    { delayMinutes: 15, targets: [{ kind: "user", userId: "manager" }] },
  ],
  repeat: 2,
};

describe("escalationPlan", () => {
  it("E29: delays 5/10/15 with repeat 2 notify at +0, +5, +15, +30, +35, +45, +60, +65, +75 min", () => {
    const plan = escalationPlan(policy, opened);
    expect(plan.map((e) => (e.atMs - opened) / MIN)).toEqual([0, 5, 15, 30, 35, 45, 60, 65, 75]);
    expect(plan.map((e) => `${e.round}.${e.stepIndex}`)).toEqual([
      "0.0",
      "0.1",
      "0.2",
      "1.0",
      "1.1",
      "1.2",
      "2.0",
      "2.1",
      "2.2",
    ]);
  });

  it("agrees with stepDueAt for every entry and returns null outside the policy", () => {
    for (const e of escalationPlan(policy, opened))
      expect(stepDueAt(policy, opened, e.stepIndex, e.round)).toBe(e.atMs);
    expect(stepDueAt(policy, opened, 3)).toBeNull();
    expect(stepDueAt(policy, opened, 0, 3)).toBeNull();
  });

  it("rejects negative delays and repeats", () => {
    expect(() => escalationPlan({ ...policy, repeat: -1 }, opened)).toThrow(OncallDefinitionError);
    expect(() => escalationPlan({ steps: [{ delayMinutes: -5, targets: [] }], repeat: 0 }, opened)).toThrow(
      OncallDefinitionError,
    );
  });
});

describe("nextEscalation", () => {
  const base = { policy, openedAtMs: opened, acknowledged: false };
  it.each([
    ["first step right away", null, 0, { kind: "notify", stepIndex: 0, round: 0, atMs: opened }],
    [
      "waits for step 1",
      { stepIndex: 0, round: 0 },
      4,
      { kind: "wait", stepIndex: 1, round: 0, atMs: opened + 5 * MIN },
    ],
    [
      "step 1 once due",
      { stepIndex: 0, round: 0 },
      5,
      { kind: "notify", stepIndex: 1, round: 0, atMs: opened + 5 * MIN },
    ],
    [
      "wraps to the next round after the last step",
      { stepIndex: 2, round: 0 },
      31,
      { kind: "notify", stepIndex: 0, round: 1, atMs: opened + 30 * MIN },
    ],
    [
      "a late worker gets overdue steps in order",
      { stepIndex: 0, round: 0 },
      50,
      { kind: "notify", stepIndex: 1, round: 0, atMs: opened + 5 * MIN },
    ],
    ["exhausted after the last round", { stepIndex: 2, round: 2 }, 500, { kind: "none", reason: "exhausted" }],
  ] as const)("%s", (_label, lastStep, minutes, expected) => {
    expect(nextEscalation({ ...base, lastStep, nowMs: opened + minutes * MIN })).toEqual(expected);
  });

  it("stops once acknowledged and for policies without steps", () => {
    expect(nextEscalation({ ...base, acknowledged: true, lastStep: null, nowMs: opened })).toEqual({
      kind: "none",
      reason: "acknowledged",
    });
    expect(nextEscalation({ ...base, policy: { steps: [], repeat: 1 }, lastStep: null, nowMs: opened })).toEqual({
      kind: "none",
      reason: "no_steps",
    });
  });
});
