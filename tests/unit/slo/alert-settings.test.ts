import { describe, expect, it } from "vitest";
import {
  alertsSkippedReason,
  defaultAlertSettings,
  generateRuleGroups,
  isDefaultAlertSettings,
  normalAlertSettings,
  SLO_ALERT_NAME,
  type AlertingRule,
} from "@/lib/slo";
import { createSloSchema, updateSloSchema } from "@/lib/validation/slo";

const base = {
  id: "s1",
  name: "avail",
  service: "checkout",
  objective: 0.999,
  window: { kind: "rolling" as const, days: 30 },
  sli: { kind: "ratio" as const, total: "t_total", bad: "e_total" },
  runbookUrl: "https://r.example.com/a",
  alerting: true,
};
const alerts = (settings: Parameters<typeof normalAlertSettings>[0]) =>
  generateRuleGroups([{ ...base, alertSettings: settings }]).groups[0]!.rules.filter(
    (r): r is AlertingRule => "alert" in r,
  );

describe("alert settings", () => {
  it("normalises to one shape with sorted keys, so stored jsonb compares equal", () => {
    const a = normalAlertSettings({ labels: { b: "2", a: "1" }, page: { labels: { z: "1" } } });
    expect(JSON.stringify(a)).toBe(
      JSON.stringify(
        normalAlertSettings({
          page: { annotations: {}, labels: { z: "1" }, enabled: true },
          labels: { a: "1", b: "2" },
          name: "  ",
        }),
      ),
    );
    expect(isDefaultAlertSettings(normalAlertSettings({}))).toBe(true);
    expect(isDefaultAlertSettings(a)).toBe(false);
  });

  it("defaults leave the generated alerts as they were", () => {
    const rules = alerts(null);
    expect(rules.map((r) => [r.alert, r.labels.severity])).toEqual([
      [SLO_ALERT_NAME, "page"],
      [SLO_ALERT_NAME, "page"],
      [SLO_ALERT_NAME, "ticket"],
      [SLO_ALERT_NAME, "ticket"],
    ]);
    expect(rules).toEqual(alerts(defaultAlertSettings()));
  });

  it("puts name, labels and annotations on the alerts; severity settings win over common ones, identity labels and runbook_url over both", () => {
    const rules = alerts({
      name: "CheckoutBurn",
      labels: { team: "pay", severity: "common" },
      annotations: { summary: "mine", runbook_url: "https://elsewhere" },
      page: { labels: { severity: "critical" }, annotations: { summary: "page!" } },
      ticket: { labels: { channel: "#pay" } },
    });
    expect(rules[0]).toMatchObject({
      alert: "CheckoutBurn",
      labels: { team: "pay", severity: "critical", slo_id: "s1", service: "checkout", slo: "avail", tier: "page-fast" },
    });
    expect(rules[0]!.annotations).toMatchObject({ summary: "page!", runbook_url: "https://r.example.com/a" });
    expect(rules[3]).toMatchObject({
      labels: { severity: "common", channel: "#pay", tier: "ticket-slow" },
      annotations: { summary: "mine" },
    });
  });

  it("leaves out a disabled severity's tiers; both disabled is alerting off", () => {
    expect(alerts({ ticket: { enabled: false } }).map((r) => r.labels.tier)).toEqual(["page-fast", "page-slow"]);
    expect(alerts({ page: { enabled: false }, ticket: { enabled: false } })).toEqual([]);
    expect(
      alertsSkippedReason({
        alerting: true,
        runbookUrl: "https://r",
        alertSettings: { page: { enabled: false }, ticket: { enabled: false } },
      })?.code,
    ).toBe("ALERTING_DISABLED");
  });

  it("validates with messages naming the field, and a PATCH without them leaves labels and settings alone", () => {
    const r = createSloSchema.safeParse({
      service: "checkout",
      name: "avail",
      sli: base.sli,
      objective: 0.999,
      window: base.window,
      alertSettings: { name: "bad name", labels: { tier: "x", "bad-key": "y" }, annotations: { summary: "{{ $value" } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "alertSettings.name: must be a Prometheus alert name, e.g. CheckoutHighErrorRate",
      "alertSettings.labels.tier: is set by srecp on every alert (slo_id, service, slo, tier, long_window, short_window)",
      "alertSettings.labels.bad-key: label names are Prometheus label names (letters, digits and _)",
      "alertSettings.annotations.summary: has an unclosed or empty {{ … }} template action (Prometheus reads alert labels and annotations as templates)",
    ]);
    // .partial() with defaults inside would reset these on every PATCH of, say, the description
    expect(updateSloSchema.parse({ description: "new" })).toEqual({ description: "new" });
  });
});
