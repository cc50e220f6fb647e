import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  alertsSkippedReason,
  generateRuleGroups,
  rulesToYaml,
  SloDefinitionError,
  type AlertingRule,
  type RecordingRule,
  type SloRuleInput,
} from "@/lib/slo";

const base: SloRuleInput = {
  id: "checkout-availability",
  name: "Checkout availability",
  service: "checkout",
  objective: 0.999,
  window: { kind: "rolling", days: 30 },
  sli: {
    kind: "ratio",
    total: 'http_requests_total{service="checkout"}',
    bad: 'http_requests_total{service="checkout",code=~"5.."}',
  },
  runbookUrl: "https://runbooks.example.com/checkout",
  alerting: true,
};
const isAlert = (rule: RecordingRule | AlertingRule): rule is AlertingRule => "alert" in rule;
const rulesOf = (slo: SloRuleInput) => generateRuleGroups([slo]).groups[0]!.rules;
const recordsOf = (slo: SloRuleInput) => rulesOf(slo).filter((r): r is RecordingRule => !isAlert(r));
const alertsOf = (slo: SloRuleInput) => rulesOf(slo).filter(isAlert);

describe("alertsSkippedReason", () => {
  it.each([
    [{ alerting: true, runbookUrl: "https://x" }, null],
    [{ alerting: true, runbookUrl: null }, "NO_RUNBOOK"],
    [{ alerting: true, runbookUrl: "   " }, "NO_RUNBOOK"],
    [{ alerting: true }, "NO_RUNBOOK"],
    [{ alerting: false, runbookUrl: "https://x" }, "ALERTING_DISABLED"],
    [{ alerting: false, runbookUrl: null }, "ALERTING_DISABLED"],
  ])("%j → %s", (slo, code) => {
    const reason = alertsSkippedReason(slo);
    expect(reason?.code ?? null).toBe(code);
    if (reason) expect(reason.message.length).toBeGreaterThan(10);
  });
});

describe("generateRuleGroups: recording rules", () => {
  it("one group per SLO, named slo-<id>", () => {
    const file = generateRuleGroups([base, { ...base, id: "search", service: "search" }]);
    expect(file.groups.map((g) => g.name)).toEqual(["slo-checkout-availability", "slo-search"]);
  });

  it("records 5m increases, error ratios for every burn window and the SLO window, objective and remaining", () => {
    expect(recordsOf(base).map((r) => r.record)).toEqual([
      "slo:sli_good:increase5m",
      "slo:sli_total:increase5m",
      "slo:sli_error:ratio_rate5m",
      "slo:sli_error:ratio_rate30m",
      "slo:sli_error:ratio_rate1h",
      "slo:sli_error:ratio_rate2h",
      "slo:sli_error:ratio_rate6h",
      "slo:sli_error:ratio_rate1d",
      "slo:sli_error:ratio_rate3d",
      "slo:sli_error:ratio_rate30d",
      "slo:objective:ratio",
      "slo:error_budget_remaining:ratio",
    ]);
  });

  it("every record carries slo_id, service and slo labels", () => {
    for (const rule of recordsOf(base))
      expect(rule.labels).toEqual({
        slo_id: "checkout-availability",
        service: "checkout",
        slo: "Checkout availability",
      });
  });

  it("long windows are sums of the 5m increases (traffic-weighted), never averages of ratios", () => {
    const day = recordsOf(base).find((r) => r.record === "slo:sli_error:ratio_rate1d")!;
    expect(day.expr).toBe(
      '(sum_over_time(slo:sli_total:increase5m{slo_id="checkout-availability"}[1d]) - sum_over_time(slo:sli_good:increase5m{slo_id="checkout-availability"}[1d]))' +
        ' / (sum_over_time(slo:sli_total:increase5m{slo_id="checkout-availability"}[1d]) > 0)',
    );
    for (const rule of recordsOf(base)) expect(rule.expr).not.toMatch(/avg_over_time|count_over_time/);
  });

  it("the 5m ratio and the increases come straight from the raw counters", () => {
    const records = recordsOf(base);
    expect(records[0]!.expr).toContain('increase(http_requests_total{service="checkout"}[5m])');
    expect(records[2]!.expr).toBe(
      '(sum(increase(http_requests_total{service="checkout",code=~"5.."}[5m])) or vector(0)) / (sum(increase(http_requests_total{service="checkout"}[5m])) > 0)',
    );
  });

  it.each([
    [{ kind: "rolling", days: 28 } as const, "slo:sli_error:ratio_rate28d"],
    [{ kind: "rolling", days: 7 } as const, "slo:sli_error:ratio_rate7d"],
    [{ kind: "calendar", unit: "month", timezone: "Europe/Berlin" } as const, "slo:sli_error:ratio_rate30d"],
    [{ kind: "calendar", unit: "week", timezone: "UTC" } as const, "slo:sli_error:ratio_rate7d"],
  ])("window %j records %s", (window, name) => {
    expect(recordsOf({ ...base, window }).map((r) => r.record)).toContain(name);
  });

  it("a 3d window does not duplicate the 3d record", () => {
    const names = recordsOf({ ...base, window: { kind: "rolling", days: 3 } }).map((r) => r.record);
    expect(names.filter((n) => n === "slo:sli_error:ratio_rate3d")).toHaveLength(1);
  });

  it("objective and remaining use the exact budget", () => {
    const records = recordsOf(base);
    expect(records.find((r) => r.record === "slo:objective:ratio")!.expr).toBe("vector(0.999)");
    expect(records.find((r) => r.record === "slo:error_budget_remaining:ratio")!.expr).toBe(
      '1 - slo:sli_error:ratio_rate30d{slo_id="checkout-availability"} / 0.001',
    );
  });

  it("escapes quotes in ids used as label matchers", () => {
    const records = recordsOf({ ...base, id: 'we"ird' });
    expect(records[3]!.expr).toContain('{slo_id="we\\"ird"}');
  });
});

describe("generateRuleGroups: alerts", () => {
  it("four alerts with Workbook thresholds for 99.9 % / 30 d", () => {
    expect(alertsOf(base).map((a) => [a.labels.tier, a.expr, a.for])).toEqual([
      [
        "page-fast",
        'slo:sli_error:ratio_rate1h{slo_id="checkout-availability"} >= 0.0144 and slo:sli_error:ratio_rate5m{slo_id="checkout-availability"} >= 0.0144',
        "2m",
      ],
      [
        "page-slow",
        'slo:sli_error:ratio_rate6h{slo_id="checkout-availability"} >= 0.006 and slo:sli_error:ratio_rate30m{slo_id="checkout-availability"} >= 0.006',
        "15m",
      ],
      [
        "ticket-fast",
        'slo:sli_error:ratio_rate1d{slo_id="checkout-availability"} >= 0.003 and slo:sli_error:ratio_rate2h{slo_id="checkout-availability"} >= 0.003',
        "1h",
      ],
      [
        "ticket-slow",
        'slo:sli_error:ratio_rate3d{slo_id="checkout-availability"} >= 0.001 and slo:sli_error:ratio_rate6h{slo_id="checkout-availability"} >= 0.001',
        "3h",
      ],
    ]);
  });

  it("28 d thresholds use factors 13.44 / 5.6 / 2.8 / 0.9333", () => {
    const thresholds = alertsOf({ ...base, window: { kind: "rolling", days: 28 } }).map((a) =>
      Number(a.expr.split(">= ")[1]!.split(" ")[0]),
    );
    expect(thresholds).toEqual([0.01344, 0.0056, 0.0028, 0.000933333333333]);
  });

  it("labels: severity, tier, windows and the SLO identity; annotations: summary and runbook_url", () => {
    const [fast] = alertsOf(base);
    expect(fast!.alert).toBe("SloErrorBudgetBurn");
    expect(fast!.labels).toEqual({
      slo_id: "checkout-availability",
      service: "checkout",
      slo: "Checkout availability",
      severity: "page",
      tier: "page-fast",
      long_window: "1h",
      short_window: "5m",
    });
    expect(fast!.annotations.summary).toBe(
      "Checkout availability (checkout): error budget burning at 14.4x or faster over 1h and 5m (objective 99.9% over 30d; 2% of the budget spent per 1h)",
    );
    expect(fast!.annotations.runbook_url).toBe("https://runbooks.example.com/checkout");
    expect(alertsOf(base).map((a) => a.labels.severity)).toEqual(["page", "page", "ticket", "ticket"]);
  });

  it("user text cannot inject Go template actions", () => {
    const [fast] = alertsOf({ ...base, name: "Evil {{ .Foo }}", runbookUrl: "https://x/{{y}}" });
    expect(fast!.annotations.summary).toContain('Evil {{"{{"}} .Foo }}');
    expect(fast!.annotations.runbook_url).toBe('https://x/{{"{{"}}y}}');
  });

  it.each([
    ["no runbook", { runbookUrl: null }],
    ["blank runbook", { runbookUrl: " " }],
    ["alerting disabled", { alerting: false }],
  ])("%s → recording rules only", (_label, change) => {
    const rules = rulesOf({ ...base, ...change });
    expect(rules.filter(isAlert)).toHaveLength(0);
    expect(rules).toHaveLength(12);
  });
});

describe("generateRuleGroups: validation", () => {
  it.each([
    ["duplicate id", [base, base], "id"],
    ["empty id", [{ ...base, id: " " }], "id"],
    ["empty service", [{ ...base, service: "" }], "service"],
    ["objective 1", [{ ...base, objective: 1 }], "objective"],
    ["objective as percent", [{ ...base, objective: 99.9 }], "objective"],
    ["zero-day window", [{ ...base, window: { kind: "rolling", days: 0 } }], "window.days"],
    ["empty bad selector", [{ ...base, sli: { kind: "ratio", total: "x_total", bad: "" } }], "sli.good"],
  ] as [string, SloRuleInput[], string][])("rejects %s (field %s)", (_label, slos, field) => {
    expect(() => generateRuleGroups(slos)).toThrow(SloDefinitionError);
    expect(() => generateRuleGroups(slos)).toThrow(expect.objectContaining({ field }));
  });

  it("no SLOs → an empty, valid rule file", () => {
    expect(generateRuleGroups([])).toEqual({ groups: [] });
  });
});

describe("rulesToYaml", () => {
  it("round-trips through a YAML parser, without anchors/aliases and without folded PromQL", () => {
    const file = generateRuleGroups([
      base,
      { ...base, id: "lat", sli: { kind: "latency", metric: "h", matchers: "", thresholdSeconds: 0.5 } },
    ]);
    const text = rulesToYaml(file);
    expect(text.startsWith("# Generated")).toBe(true);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(parse(text)).toEqual(file);
    for (const line of text.split("\n").filter((l) => l.includes("expr:"))) expect(line).toMatch(/expr: \S/);
  });
});
