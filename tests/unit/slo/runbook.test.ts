import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { alertsSkippedReason, generateRuleGroups, type AlertingRule, type SloRuleInput } from "@/lib/slo";
import { BURN_ALERT_NAMES } from "@/lib/slo/alerts";
import {
  effectiveRunbook,
  inAppRunbook,
  prometheusGraphUrl,
  runbookCoverage,
  runbookUrlForTier,
} from "@/lib/slo/runbook";

const base: SloRuleInput = {
  id: "slo-1",
  name: "checkout-availability",
  service: "checkout",
  objective: 0.999,
  window: { kind: "rolling", days: 30 },
  sli: {
    kind: "ratio",
    total: 'http_requests_total{service="checkout"}',
    bad: 'http_requests_total{service="checkout",code=~"5.."}',
  },
  alerting: true,
};
const runbookUrls = (slo: SloRuleInput) =>
  generateRuleGroups([slo])
    .groups[0]!.rules.filter((r): r is AlertingRule => "alert" in r)
    .map((r) => [r.labels.tier, r.annotations.runbook_url]);

describe("in-app runbook coverage", () => {
  it("the all-tiers runbook covers every tier; an empty newest version means removed", () => {
    expect(runbookCoverage([{ tier: null, body: "# Steps" }])).toBe("all");
    expect(
      runbookCoverage([
        { tier: null, body: "  \n" },
        { tier: "page-slow", body: "x" },
      ]),
    ).toEqual(["page-slow"]);
    expect(
      runbookCoverage([
        { tier: "ticket-slow", body: "x" },
        { tier: "page-fast", body: "y" },
      ]),
    ).toEqual(["page-fast", "ticket-slow"]);
    expect(runbookCoverage([])).toEqual([]);
    expect(inAppRunbook("https://app.example.com/", "s 1", [{ tier: null, body: "" }])).toBeNull();
    expect(inAppRunbook("https://app.example.com/", "s 1", [{ tier: "page-fast", body: "x" }])).toEqual({
      baseUrl: "https://app.example.com/runbooks/s%201",
      tiers: ["page-fast"],
    });
  });

  it("a tier's page shows its own runbook, else the all-tiers one (inherited), else none", () => {
    const heads = [
      { tier: null, body: "all" },
      { tier: "page-fast", body: "fast" },
      { tier: "page-slow", body: "" },
    ];
    expect(effectiveRunbook(heads, "page-fast")).toEqual({ head: heads[1], inherited: false });
    expect(effectiveRunbook(heads, "page-slow")).toEqual({ head: heads[0], inherited: true });
    expect(effectiveRunbook([{ tier: "page-fast", body: "fast" }], "ticket-slow")).toBeNull();
  });
});

describe("runbook_url of the generated alerts", () => {
  const app = "https://srecp.example.com/runbooks/slo-1";

  it("points every tier at its app page when the all-tiers runbook has text, even with an external URL", () => {
    const slo = {
      ...base,
      runbookUrl: "https://wiki.example.com/checkout",
      inAppRunbook: { baseUrl: app, tiers: "all" as const },
    };
    expect(runbookUrls(slo)).toEqual(BURN_ALERT_NAMES.map((t) => [t, `${app}/${t}`]));
  });

  it("tiers without an in-app runbook keep the external URL; without one they still get the app page", () => {
    const partial = { baseUrl: app, tiers: ["page-fast"] };
    expect(runbookUrls({ ...base, runbookUrl: "https://wiki.example.com/c", inAppRunbook: partial })).toEqual([
      ["page-fast", `${app}/page-fast`],
      ["page-slow", "https://wiki.example.com/c"],
      ["ticket-fast", "https://wiki.example.com/c"],
      ["ticket-slow", "https://wiki.example.com/c"],
    ]);
    expect(runbookUrls({ ...base, runbookUrl: null, inAppRunbook: partial }).map(([, u]) => u)).toEqual(
      BURN_ALERT_NAMES.map((t) => `${app}/${t}`),
    );
  });

  it("no runbook, no alert: only an SLO with neither a URL nor an in-app runbook is skipped", () => {
    expect(alertsSkippedReason({ ...base, runbookUrl: null, inAppRunbook: null })?.code).toBe("NO_RUNBOOK");
    expect(alertsSkippedReason({ ...base, runbookUrl: " ", inAppRunbook: { baseUrl: app, tiers: "all" } })).toBeNull();
    expect(runbookUrls({ ...base, runbookUrl: null })).toEqual([]);
  });

  it("property: every generated alert has a non-empty runbook_url whenever either kind of runbook exists", () => {
    const tierSet = fc.subarray([...BURN_ALERT_NAMES]);
    fc.assert(
      fc.property(
        fc.option(fc.constant("https://wiki.example.com/x")),
        fc.oneof(fc.constant(null), fc.constant("all" as const), tierSet),
        (url, tiers) => {
          const slo = {
            ...base,
            runbookUrl: url,
            inAppRunbook:
              tiers === null || (Array.isArray(tiers) && tiers.length === 0) ? null : { baseUrl: app, tiers },
          };
          const urls = runbookUrls(slo);
          expect(urls.length).toBe(slo.runbookUrl || slo.inAppRunbook ? 4 : 0);
          for (const [tier, u] of urls) expect(u).toBe(runbookUrlForTier(slo, tier!));
          for (const [, u] of urls) expect(u && u.length > 0).toBe(true);
        },
      ),
    );
  });
});

it("Prometheus graph links encode the expression", () => {
  expect(prometheusGraphUrl("http://prom:9090/", 'sum(rate(x{a="b"}[5m]))')).toBe(
    "http://prom:9090/graph?g0.expr=sum(rate(x%7Ba%3D%22b%22%7D%5B5m%5D))&g0.tab=1&g0.range_input=1h",
  );
});
