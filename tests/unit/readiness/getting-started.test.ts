import { describe, expect, it } from "vitest";
import { gettingStarted } from "@/lib/readiness/getting-started";

describe("home getting-started checklist", () => {
  it("shows every step on an empty install, none done", () => {
    const steps = gettingStarted({ teams: 0, services: 0, slos: 0, prometheus: false });
    expect(steps?.map((s) => [s.key, s.done])).toEqual([
      ["team", false],
      ["service", false],
      ["slo", false],
      ["prometheus", false],
      ["demo", false],
    ]);
    expect(steps?.find((s) => s.key === "demo")?.hint).toContain("npx srecp demo");
  });

  it("ticks what exists and disappears once a team, a service and an SLO exist", () => {
    const partial = gettingStarted({ teams: 1, services: 2, slos: 0, prometheus: true });
    expect(partial?.filter((s) => s.done).map((s) => s.key)).toEqual(["team", "service", "prometheus"]);
    expect(gettingStarted({ teams: 1, services: 1, slos: 1, prometheus: false })).toBeNull();
  });
});
