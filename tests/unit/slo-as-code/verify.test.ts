import { describe, expect, it } from "vitest";
import { compareDeploy, formatVerifyTable, type VerifySlo } from "@/lib/slo-as-code";

const alerts = (firing: string[] = []) =>
  [
    ["page-fast", "page", 14.4],
    ["page-slow", "page", 6],
    ["ticket-fast", "ticket", 3],
    ["ticket-slow", "ticket", 1],
  ].map(([name, severity, factor]) => ({
    name: name as string,
    severity: severity as string,
    factor: factor as number,
    firing: firing.includes(name as string),
  }));
const s = (id: string, oneHour: number | null, firing: string[] = []): VerifySlo => ({
  id,
  name: id,
  burnRates: { "1h": oneHour, "6h": oneHour },
  alerts: alerts(firing),
});

describe("compareDeploy", () => {
  it("passes when burn rates stay below the page factor, even if they rise", () => {
    const r = compareDeploy([s("a", 0.5)], [s("a", 5, ["ticket-fast"])]);
    expect(r.breach).toBe(false);
    expect(r.rows[0]).toMatchObject({
      before1h: 0.5,
      after1h: 5,
      pageFactor: 14.4,
      firingNow: ["ticket-fast"],
      reason: "ok",
    });
  });

  it("is a breach when a page alert fires now", () => {
    const r = compareDeploy([s("a", 7, ["page-slow"])], [s("a", 7, ["page-slow", "ticket-fast"])]);
    expect(r.breach).toBe(true);
    expect(r.rows[0]!.reason).toBe("page alert firing: page-slow");
  });

  it("is a breach when the 1h burn rate rose above the page factor (also from no data)", () => {
    expect(compareDeploy([s("a", 1)], [s("a", 20)]).rows[0]).toMatchObject({
      breach: true,
      reason: "1h burn rate rose above the page factor 14.4: 1 → 20",
    });
    expect(compareDeploy([s("a", null)], [s("a", 15)]).breach).toBe(true);
    expect(compareDeploy([], [s("a", 15)]).breach).toBe(true); // SLO created after the deploy
  });

  it("does not blame the deploy for a burn that was already above the factor, and ignores 'no data' now", () => {
    expect(compareDeploy([s("a", 20)], [s("a", 25)]).breach).toBe(false);
    expect(compareDeploy([s("a", 1)], [s("a", null)]).breach).toBe(false);
  });

  it("falls back to the highest page factor when there is no 1h page tier", () => {
    const odd: VerifySlo = {
      id: "b",
      name: "b",
      burnRates: { "1h": 9 },
      alerts: [{ name: "custom", severity: "page", factor: 8, firing: false }],
    };
    expect(compareDeploy([], [odd]).rows[0]).toMatchObject({ pageFactor: 8, breach: true });
    expect(compareDeploy([], [{ ...odd, alerts: [] }]).rows[0]).toMatchObject({ pageFactor: null, breach: false });
  });

  it("prints an aligned table", () => {
    const r = compareDeploy(
      [s("checkout-availability", 0.5), s("b", 1)],
      [s("checkout-availability", 0.5), s("b", 30, ["page-fast"])],
    );
    expect(formatVerifyTable(r.rows)).toBe(
      [
        "SLO                    1h burn before  1h burn now  page factor  firing now  result",
        "---------------------  --------------  -----------  -----------  ----------  ------------------------------------",
        "checkout-availability  0.5             0.5          14.4         -           ok",
        "b                      1               30           14.4         page-fast   BREACH: page alert firing: page-fast",
      ].join("\n"),
    );
  });
});
