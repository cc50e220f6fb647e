import { describe, expect, it } from "vitest";
import { pageAlerts, type PageAlertsInput } from "@/lib/oncall";

const base: PageAlertsInput = {
  states: {},
  alerts: [],
  commonLabels: {},
  commonAnnotations: {},
  pageStatus: "triggered",
};

describe("pageAlerts", () => {
  it("lists the delivery's alerts with SLO, runbook, dashboard and Prometheus links from labels and annotations", () => {
    const list = pageAlerts({
      ...base,
      states: { a: "firing", b: "resolved" },
      commonLabels: { service: "checkout" },
      commonAnnotations: { dashboard_url: "https://grafana.example.com/d/checkout" },
      alerts: [
        {
          fingerprint: "b",
          status: "resolved",
          labels: { alertname: "Latency" },
          annotations: { summary: "p99 high" },
        },
        {
          fingerprint: "a",
          status: "firing",
          labels: { alertname: "SLOBurnRate", slo_id: "slo 1/x" },
          annotations: { summary: "  burning 14x  ", runbook_url: "https://runbooks.example.com/checkout" },
          startsAt: "2027-01-01T10:00:00Z",
          generatorURL: "http://prometheus:9090/graph?g0.expr=up",
        },
      ],
    });
    expect(list.map((a) => [a.fingerprint, a.name, a.status])).toEqual([
      ["a", "SLOBurnRate", "firing"],
      ["b", "Latency", "resolved"],
    ]);
    expect(list[0]).toMatchObject({
      summary: "burning 14x",
      startsAt: "2027-01-01T10:00:00Z",
      labels: { service: "checkout", alertname: "SLOBurnRate", slo_id: "slo 1/x" },
      links: {
        slo: "/slos/slo%201%2Fx",
        runbook: "https://runbooks.example.com/checkout",
        dashboard: "https://grafana.example.com/d/checkout",
        source: "http://prometheus:9090/graph?g0.expr=up",
      },
    });
    expect(list[1]!.links).toEqual({ dashboard: "https://grafana.example.com/d/checkout" });
  });

  it("links only http(s) URLs: javascript:, data: and relative values are dropped", () => {
    const [alert] = pageAlerts({
      ...base,
      alerts: [
        {
          fingerprint: "x",
          status: "firing",
          labels: {},
          annotations: { runbook_url: "javascript:alert(1)", dashboard_url: "/d/local", dashboard: "data:text/html,x" },
          generatorURL: "not a url",
        },
      ],
    });
    expect(alert!.links).toEqual({});
    expect(alert!.name).toBe("Alert");
  });

  it("uses the merged state over the delivery's and keeps alerts known only from earlier deliveries", () => {
    const list = pageAlerts({
      ...base,
      states: { a: "resolved", old: "firing" },
      commonLabels: { alertname: "Group", slo_id: "s1" },
      alerts: [{ fingerprint: "a", status: "firing", labels: {}, annotations: {}, startsAt: "0001-01-01T00:00:00Z" }],
    });
    expect(list.map((a) => [a.fingerprint, a.status, a.startsAt])).toEqual([
      ["old", "firing", null],
      ["a", "resolved", null],
    ]);
    expect(list[0]!.links).toEqual({ slo: "/slos/s1" });
  });

  it("gives a page without an alert list one entry from its common labels and annotations", () => {
    expect(
      pageAlerts({
        ...base,
        commonLabels: { alertname: "SearchLatencyHigh" },
        commonAnnotations: { runbook: "https://r.example.com" },
        pageStatus: "resolved",
      }),
    ).toEqual([
      {
        fingerprint: null,
        name: "SearchLatencyHigh",
        status: "resolved",
        summary: null,
        startsAt: null,
        labels: { alertname: "SearchLatencyHigh" },
        links: { runbook: "https://r.example.com/" },
      },
    ]);
  });
});
