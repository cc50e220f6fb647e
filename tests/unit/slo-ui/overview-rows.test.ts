import { describe, expect, it } from "vitest";
import { buildRows, rowsToCsv } from "@/components/slos/overview-rows";
import type { OverviewSlo } from "@/lib/query/slos";

const slo = (
  id: string,
  service: string,
  team: string,
  remaining: number | null,
  extra: Partial<OverviewSlo> = {},
  opts: { burn1h?: number | null; page?: boolean; status?: boolean } = {},
): OverviewSlo => ({
  id,
  name: `${service}-${id}`,
  service,
  serviceName: service.toUpperCase(),
  team,
  version: { number: 1, status: "active" },
  pendingVersion: null,
  objective: 0.999,
  window: { kind: "rolling", days: 30 },
  sliText: "ratio",
  ...(opts.status === false
    ? {}
    : {
        status: {
          sliValue: remaining === null ? null : 1 - (1 - remaining) * 0.001,
          stale: false,
          errorBudget: { remaining },
          burnRates: { "1h": opts.burn1h ?? null, "6h": null },
          alerts: [
            { name: "page-fast", severity: "page", firing: Boolean(opts.page) },
            { name: "ticket-slow", severity: "ticket", firing: false },
          ],
        },
      }),
  ...extra,
});

describe("SLO overview rows", () => {
  const items = [
    slo("a", "search", "core", 0.72, {}, { burn1h: 0.5 }),
    slo("b", "search", "core", 0.1),
    slo("c", "checkout", "pay", -2, {}, { burn1h: 12 }),
    slo("d", "idle", "core", null),
    slo("e", "ledger", "pay", 0.9, {}, { page: true }),
    slo("f", "ledger", "pay", null, { version: { number: 1, status: "pending" } }, { status: false }),
  ];
  // checkout's own policy freezes only at −500 % (sent with each of its SLOs, like the API does)
  const checkout = { atRiskBelow: 0.25, freezeAtOrBelow: -5, freezeOnPageAlert: true };
  const rows = buildRows(items.map((s) => (s.service === "checkout" ? { ...s, policyThresholds: checkout } : s)));
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));

  it("gives each row its service's policy state over all the service's SLOs", () => {
    expect(byId.a!.state).toBe("at_risk"); // search-b has 10 % left
    expect(byId.b!.state).toBe("at_risk");
    expect(byId.c!.state).toBe("at_risk"); // checkout freezes only at −500 %
    expect(byId.d!.state).toBe("no_data"); // no data is never shown as healthy
    expect(byId.e!.state).toBe("frozen"); // page alert firing
    expect(byId.e!.stateReasons.join()).toMatch(/page-level burn-rate alert/);
    expect(byId.f!.state).toBe("pending");
    expect(byId.f!.hasStatus).toBe(false);
    expect(byId.a!.firing).toEqual([]);
    expect(byId.e!.firing).toEqual(["page-fast"]);
  });

  it("takes the service's policy state from the server when given (judged over all its SLOs, not just this page's)", () => {
    const [row] = buildRows([{ ...slo("g", "search", "core", 0.72), policyState: "frozen" }]);
    expect(row!.state).toBe("frozen");
    expect(row!.stateReasons.join()).toMatch(/all the service's SLOs/);
    const [none] = buildRows([{ ...slo("h", "idle", "core", 0.9), policyState: null }]);
    expect(none!.state).toBe("no_data"); // nothing stored yet is never healthy
  });

  // Sorting and filtering run in SQL: tests/integration/slo-overview-query.test.ts.

  it("exports the visible rows as CSV with raw numbers", () => {
    const csv = rowsToCsv([byId.a!, byId.f!]);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      "service,team,slo,objective,window,sli,sli_value,budget_remaining,burn_rate_1h,burn_rate_6h,firing_alerts,policy_state,stale",
    );
    expect(lines[1]).toBe("search,core,search-a,0.999,rolling 30 d,ratio,0.99972,0.72,0.5,,,at_risk,false");
    expect(lines[2]).toBe("ledger,pay,ledger-f,0.999,rolling 30 d,ratio,,,,,,pending,false");
  });

  it("defuses names a spreadsheet would run as a formula", () => {
    const evil = { ...byId.a!, service: '=HYPERLINK("http://evil.example","x")', name: "@SUM(1)" };
    const line = rowsToCsv([evil]).split("\r\n")[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",core,'@SUM(1),`)).toBe(true);
  });
});
