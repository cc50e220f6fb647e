import { describe, expect, it } from "vitest";
import { checkPostmortems, postmortemTimeliness, type IncidentFacts } from "@/lib/readiness";

// Check (e) with the budget-policy trigger (issue 16 item 2): a SEV-3 whose incident spent more than the
// policy's share of a budget is judged like a SEV-1/2 (10 business days) and needs a P0/P1 action item.
const svc = { slug: "checkout", timezone: "UTC" };
// Resolved Monday 2 March 2026 12:00 UTC → 10 business days → due Monday 16 March 23:59:59.999 UTC.
const RESOLVED = Date.UTC(2026, 2, 2, 12);
const DUE = Date.UTC(2026, 2, 16, 23, 59, 59, 999);
const sev3 = (extra: Partial<IncidentFacts> = {}): IncidentFacts => ({
  number: 9,
  title: "Slow search",
  severity: "SEV-3",
  resolvedAtMs: RESOLVED,
  timezone: "UTC",
  publishedAtMs: null,
  ...extra,
});

describe("budget-policy postmortems", () => {
  it("a triggered SEV-3 gets the 10-business-day deadline; an untriggered one none", () => {
    expect(
      postmortemTimeliness({
        severity: "SEV-3",
        resolvedAtMs: RESOLVED,
        timezone: "UTC",
        publishedAtMs: null,
        nowMs: DUE + 1,
        required: true,
      }),
    ).toEqual({ status: "missing", dueAtMs: DUE });
    expect(
      postmortemTimeliness({
        severity: "SEV-3",
        resolvedAtMs: RESOLVED,
        timezone: "UTC",
        publishedAtMs: null,
        nowMs: DUE + 1,
      }).status,
    ).toBe("not_required");
  });

  it("fails when the triggered postmortem is overdue or lacks its P0/P1 item, passes when neither", () => {
    const overdue = checkPostmortems(svc, [sev3({ budgetPolicy: { actionItemMet: true } })], DUE + 1);
    expect(overdue.status).toBe("fail");
    expect(overdue.details).toEqual([
      "INC-9 SEV-3 (budget policy) Slow search: not published, due 2026-03-16 23:59 UTC",
    ]);

    const noItem = checkPostmortems(
      svc,
      [sev3({ budgetPolicy: { actionItemMet: false }, publishedAtMs: DUE - 1 })],
      DUE + 1,
    );
    expect(noItem.status).toBe("fail");
    expect(noItem.reason).toContain("lack the P0/P1 action item the budget policy requires (1)");
    expect(noItem.details).toEqual([
      "INC-9 SEV-3 (budget policy) Slow search: published on time; no P0/P1 action item (budget policy)",
    ]);

    expect(
      checkPostmortems(svc, [sev3({ budgetPolicy: { actionItemMet: true }, publishedAtMs: DUE - 1 })], DUE + 1).status,
    ).toBe("pass");
    // Without the trigger a SEV-3 is not judged at all.
    expect(checkPostmortems(svc, [sev3()], DUE + 1).reason).toMatch(/^No SEV-1\/2 incident/);
  });
});
