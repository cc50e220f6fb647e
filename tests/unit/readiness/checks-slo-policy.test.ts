import { describe, expect, it } from "vitest";
import { checkBudgetPolicy, checkRunbooks, checkSlosSignedOff, type SloFacts } from "@/lib/readiness";

const svc = { slug: "checkout", timezone: "Europe/Berlin" };
const signed = (id: string, extra: Partial<SloFacts> = {}): SloFacts => ({
  id,
  name: id,
  alerting: true,
  runbookUrl: `https://runbooks.example.com/${id}`,
  inAppRunbook: false,
  versions: [
    { number: 2, status: "active", reviewedAtMs: 1_000 },
    { number: 1, status: "superseded", reviewedAtMs: 500 },
  ],
  dataInWindow: true,
  ...extra,
});

describe("check (a): SLOs exist and the version in force is signed off", () => {
  it("passes when every SLO has an active, reviewed version", () => {
    const r = checkSlosSignedOff(svc, [signed("availability"), signed("latency")]);
    expect(r).toMatchObject({
      key: "slo_signed_off",
      status: "pass",
      reason: "2 SLO(s), each with a signed-off version in force.",
    });
    expect(r.link.href).toBe("/services/checkout");
  });

  it("says 'no data' instead of passing when a signed-off SLO has no data in its window", () => {
    const r = checkSlosSignedOff(svc, [signed("availability"), signed("latency", { dataInWindow: false })]);
    expect(r.status).toBe("no_data");
    expect(r.reason).toBe("2 SLO(s) signed off, but 1 of them have no data in their window, so they cannot be judged.");
    expect(r.details).toEqual(["latency: no data in its window"]);
    expect(r.link).toEqual({ href: "/services/checkout", label: "Give the service a data source" });
    // Not known (no status yet) is not claimed as "no data"; a sign-off problem still fails first.
    expect(checkSlosSignedOff(svc, [signed("availability", { dataInWindow: null })]).status).toBe("pass");
    expect(
      checkSlosSignedOff(svc, [
        signed("a", { dataInWindow: false }),
        signed("b", { versions: [{ number: 1, status: "pending", reviewedAtMs: null }] }),
      ]).status,
    ).toBe("fail");
  });

  it("fails without any SLO and links to the SLO wizard for the service", () => {
    const r = checkSlosSignedOff(svc, []);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("The service has no SLO yet.");
    expect(r.link).toEqual({ href: "/slos/new?service=checkout", label: "Define an SLO" });
  });

  it("fails when an SLO's only version awaits sign-off (no version in force)", () => {
    const r = checkSlosSignedOff(svc, [
      signed("availability"),
      signed("latency", { versions: [{ number: 1, status: "pending", reviewedAtMs: null }] }),
    ]);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("1 of 2 SLO(s) not signed off.");
    expect(r.details).toEqual(["latency: version 1 awaits sign-off; no version is in force"]);
    expect(r.link.href).toBe("/slos/latency");
  });

  it("fails when the active version was never reviewed, and ignores a pending successor of a signed version", () => {
    const unreviewed = signed("imported", { versions: [{ number: 1, status: "active", reviewedAtMs: null }] });
    const r = checkSlosSignedOff(svc, [unreviewed]);
    expect(r.status).toBe("fail");
    expect(r.details).toEqual(["imported: version 1 is in force but was never signed off"]);
    const proposed = signed("availability", {
      versions: [
        { number: 2, status: "pending", reviewedAtMs: null },
        { number: 1, status: "active", reviewedAtMs: 10 },
      ],
    });
    expect(checkSlosSignedOff(svc, [proposed]).status).toBe("pass");
  });

  it("rejected or withdrawn versions are not in force", () => {
    const r = checkSlosSignedOff(svc, [
      signed("x", { versions: [{ number: 1, status: "rejected", reviewedAtMs: 10 }] }),
    ]);
    expect(r.status).toBe("fail");
    expect(r.details).toEqual(["x: no version is in force"]);
  });
});

describe("check (b): every alerting SLO has a runbook (an external URL or an in-app runbook)", () => {
  it("passes when all alerting SLOs have one", () => {
    const r = checkRunbooks(svc, [signed("a"), signed("b")]);
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("All 2 alerting SLO(s) have a runbook.");
    expect(r.details).toEqual(["a: https://runbooks.example.com/a", "b: https://runbooks.example.com/b"]);
  });

  it("fails for an alerting SLO with neither (blank URL counts as none) and links to its runbook page", () => {
    const r = checkRunbooks(svc, [signed("a"), signed("b", { runbookUrl: "  " }), signed("c", { runbookUrl: null })]);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe(
      "2 of 3 alerting SLO(s) have neither a runbook URL nor an in-app runbook, so their alerts are not generated.",
    );
    expect(r.details).toEqual(["b: no runbook URL and no in-app runbook", "c: no runbook URL and no in-app runbook"]);
    expect(r.link).toEqual({ href: "/runbooks/b/page-fast", label: "Write a runbook for b" });
  });

  it("an in-app runbook is enough without a URL; with both, both are named", () => {
    const r = checkRunbooks(svc, [
      signed("a", { runbookUrl: null, inAppRunbook: true }),
      signed("b", { inAppRunbook: true }),
    ]);
    expect(r.status).toBe("pass");
    expect(r.details).toEqual(["a: in-app runbook", "b: in-app runbook (and https://runbooks.example.com/b)"]);
    expect(checkRunbooks(svc, [signed("c", { runbookUrl: null, inAppRunbook: false })]).status).toBe("fail");
  });

  it("SLOs with alerting off need no runbook", () => {
    const r = checkRunbooks(svc, [signed("quiet", { alerting: false, runbookUrl: null })]);
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("No SLO has alerting on, so no alert lacks a runbook.");
  });
});

describe("check (c): error-budget policy agreed", () => {
  const agreed = { agreedBy: "Bob (manager)", agreedAtMs: Date.UTC(2026, 2, 1) };
  it("passes on the service's own agreed policy", () => {
    const r = checkBudgetPolicy(svc, agreed, null);
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("The service's own policy was agreed by Bob (manager) on 2026-03-01.");
    expect(r.link.href).toBe("/services/checkout/policy");
  });

  it("passes on the team's agreed default when the service has none", () => {
    expect(checkBudgetPolicy(svc, null, agreed)).toMatchObject({
      status: "pass",
      reason: "The team's policy was agreed by Bob (manager) on 2026-03-01.",
    });
  });

  it("names the day of the agreement in the team's zone (23:30 UTC is already the next day in Berlin)", () => {
    const late = { ...agreed, agreedAtMs: Date.UTC(2026, 2, 1, 23, 30) };
    expect(checkBudgetPolicy(svc, null, late).reason).toBe(
      "The team's policy was agreed by Bob (manager) on 2026-03-02.",
    );
    expect(checkBudgetPolicy({ ...svc, timezone: "UTC" }, null, late).reason).toBe(
      "The team's policy was agreed by Bob (manager) on 2026-03-01.",
    );
  });

  it("fails without any policy row (the built-in default nobody agreed to)", () => {
    const r = checkBudgetPolicy(svc, null, null);
    expect(r.status).toBe("fail");
    expect(r.link).toEqual({ href: "/services/checkout/policy", label: "Agree a budget policy" });
  });

  it("fails when the policy in force names nobody, even if the team's overridden default is agreed", () => {
    const r = checkBudgetPolicy(svc, { agreedBy: " ", agreedAtMs: null }, agreed);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("The service's own error-budget policy names nobody who agreed to it.");
    expect(r.details).toEqual(["The team's policy is agreed, but the service's own policy overrides it."]);
    expect(checkBudgetPolicy(svc, null, { agreedBy: "", agreedAtMs: null }).status).toBe("fail");
  });
});
