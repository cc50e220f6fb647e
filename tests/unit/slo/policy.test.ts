import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, evaluatePolicy } from "@/lib/slo";

const slo = (name: string, remaining: number | null, pageAlertFiring = false) => ({
  sloId: name,
  name,
  remaining,
  pageAlertFiring,
});

describe("error-budget policy", () => {
  it.each([
    [[slo("a", 0.9)], "healthy"],
    [[slo("a", 0.25)], "healthy"],
    [[slo("a", 0.2499)], "at_risk"],
    [[slo("a", 0.0001)], "at_risk"],
    [[slo("a", 0)], "frozen"],
    [[slo("a", -3)], "frozen"],
    [[slo("a", 0.9), slo("b", 0.1)], "at_risk"],
    [[slo("a", 0.9, true)], "frozen"],
    [[slo("a", null)], "no_data"],
    [[slo("a", 0.9), slo("b", null)], "no_data"],
    [[slo("a", 0.1), slo("b", null)], "at_risk"],
    [[], "no_data"],
  ] as const)("%j → %s", (slos, state) => {
    expect(evaluatePolicy(DEFAULT_POLICY, slos).state).toBe(state);
  });

  it("explains every reason, worst first, and names SLOs without data", () => {
    const r = evaluatePolicy(DEFAULT_POLICY, [slo("latency", 0.1), slo("availability", -0.5), slo("idle", null)]);
    expect(r.state).toBe("frozen");
    expect(r.reasons).toEqual([
      "availability: -50 % of the error budget left (freeze at 0 %)",
      "latency: 10 % of the error budget left (at risk below 25 %)",
      "idle: no data in the window",
    ]);
  });

  it("never calls 'no data' healthy: the SLOs without data are the reasons", () => {
    expect(evaluatePolicy(DEFAULT_POLICY, [slo("a", 0.9), slo("idle", null)])).toEqual({
      state: "no_data",
      reasons: ["idle: no data in the window"],
    });
    expect(evaluatePolicy(DEFAULT_POLICY, [])).toEqual({
      state: "no_data",
      reasons: ["no SLO to judge the error budget by"],
    });
    expect(evaluatePolicy(DEFAULT_POLICY, [slo("a", 0.9)])).toEqual({ state: "healthy", reasons: [] });
  });

  it("does not freeze on a page alert when the policy says so", () => {
    expect(evaluatePolicy({ ...DEFAULT_POLICY, freezeOnPageAlert: false }, [slo("a", 0.9, true)]).state).toBe(
      "healthy",
    );
  });
});
