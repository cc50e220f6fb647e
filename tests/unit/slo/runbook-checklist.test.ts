import { describe, expect, it } from "vitest";
import { firstFiveMinutes } from "@/lib/slo/runbook-checklist";

const facts = {
  service: "checkout",
  sloId: "s1",
  dashboardUrl: "https://grafana.example.com/d/checkout",
  repoUrl: null,
  deploys: [],
  otherBurning: 0,
};

describe("first five minutes checklist", () => {
  it("has the guide's five steps in order, filled with the service", () => {
    const steps = firstFiveMinutes(facts);
    expect(steps.map((s) => s.key)).toEqual(["symptom", "scope", "changes", "resources", "logs"]);
    expect(steps[0]!.links).toEqual([
      { label: "SLO page (burndown)", href: "/slos/s1" },
      { label: "Service dashboard", href: "https://grafana.example.com/d/checkout" },
    ]);
    expect(steps[4]!.commands).toEqual(["kubectl logs -l app=checkout -n production --tail=100 --since=5m"]);
    expect(steps[1]!.hint).toMatch(/likely this service alone/);
    expect(steps[2]!.hint).toMatch(/No deployment recorded/);
  });

  it("names the newest deployment and how many other SLOs burn; service names cannot inject shell", () => {
    const steps = firstFiveMinutes({
      ...facts,
      service: "x; rm -rf /",
      otherBurning: 3,
      deploys: [{ version: "v42", atIso: "2026-12-02T10:00:00Z", environment: "production" }],
    });
    expect(steps[1]!.hint).toBe(
      "3 other SLO(s) burn faster than their budget right now: check shared dependencies first.",
    );
    expect(steps[2]!.hint).toMatch(/^Last deployment: v42 to production at 2026-12-02T10:00:00Z/);
    expect(steps[4]!.commands[0]).toBe("kubectl logs -l app=xrm-rf -n production --tail=100 --since=5m");
  });
});
