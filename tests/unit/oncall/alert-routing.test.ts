import { describe, expect, it } from "vitest";
import {
  groupResolved,
  groupTitle,
  matcherRegex,
  matches,
  mergeAlertStates,
  routeAlert,
  routingLabels,
  type AlertRoute,
} from "@/lib/oncall";

const labels = { alertname: "HighErrorRate", service: "checkout", severity: "page", team: "payments" };

describe("label matchers (Alertmanager semantics)", () => {
  it("= and != compare exactly; a missing label is the empty string", () => {
    expect(matches(labels, { label: "service", op: "=", value: "checkout" })).toBe(true);
    expect(matches(labels, { label: "service", op: "=", value: "check" })).toBe(false);
    expect(matches(labels, { label: "service", op: "!=", value: "search" })).toBe(true);
    expect(matches(labels, { label: "env", op: "=", value: "" })).toBe(true);
    expect(matches(labels, { label: "env", op: "!=", value: "" })).toBe(false);
  });

  it("=~ and !~ are anchored at both ends", () => {
    expect(matches(labels, { label: "service", op: "=~", value: "check.*" })).toBe(true);
    expect(matches(labels, { label: "service", op: "=~", value: "heck" })).toBe(false);
    expect(matches(labels, { label: "service", op: "=~", value: "checkout|search" })).toBe(true);
    expect(matches(labels, { label: "severity", op: "!~", value: "warn|info" })).toBe(true);
    expect(matches(labels, { label: "severity", op: "!~", value: "pa.e" })).toBe(false);
  });

  it("a pattern that does not compile is reported and never matches", () => {
    expect(typeof matcherRegex("(")).toBe("string");
    expect(matcherRegex("a+")).toBeInstanceOf(RegExp);
    expect(matches(labels, { label: "service", op: "=~", value: "(" })).toBe(false);
  });
});

describe("routeAlert", () => {
  const routes: AlertRoute[] = [
    { matchers: [{ label: "team", op: "=", value: "search" }], target: "search" },
    {
      matchers: [
        { label: "team", op: "=", value: "payments" },
        { label: "service", op: "=~", value: "ledger|billing" },
      ],
      target: "ledger",
    },
    { matchers: [{ label: "team", op: "=", value: "payments" }], target: "checkout" },
    { matchers: [], target: "catch-all" },
  ];

  it("picks the first route whose matchers all hold", () => {
    expect(routeAlert(routes, labels)).toEqual({ index: 2, target: "checkout" });
    expect(routeAlert(routes, { ...labels, service: "billing" })).toEqual({ index: 1, target: "ledger" });
    expect(routeAlert(routes, { team: "search" })).toEqual({ index: 0, target: "search" });
  });

  it("a route without matchers matches everything; no route → null", () => {
    expect(routeAlert(routes, {})).toEqual({ index: 3, target: "catch-all" });
    expect(routeAlert(routes.slice(0, 3), { team: "infra" })).toBeNull();
  });

  it("routes on group labels overlaid with common labels", () => {
    expect(
      routingLabels({ groupLabels: { alertname: "A", team: "x" }, commonLabels: { team: "y", severity: "page" } }),
    ).toEqual({ alertname: "A", team: "y", severity: "page" });
  });
});

describe("alert group state", () => {
  it("merges fingerprint states: the delivery overwrites, unseen alerts are kept", () => {
    const first = mergeAlertStates({}, [
      { fingerprint: "a", status: "firing" },
      { fingerprint: "b", status: "firing" },
    ]);
    expect(first).toEqual({ a: "firing", b: "firing" });
    expect(mergeAlertStates(first, [{ fingerprint: "a", status: "resolved" }])).toEqual({ a: "resolved", b: "firing" });
  });

  it("is resolved only when the delivery says resolved and every known alert is resolved", () => {
    expect(groupResolved("resolved", { a: "resolved", b: "resolved" })).toBe(true);
    expect(groupResolved("resolved", { a: "resolved", b: "firing" })).toBe(false);
    expect(groupResolved("firing", { a: "resolved" })).toBe(false);
  });

  it("titles a group from its summary, else alert name and instance, else the alert count", () => {
    const base = { commonLabels: { alertname: "Multi" }, groupLabels: { alertname: "Multi" } };
    expect(groupTitle({ ...base, commonAnnotations: { summary: "switch on demo" }, alerts: [{ labels: {} }] })).toBe(
      "switch on demo",
    );
    expect(groupTitle({ ...base, commonAnnotations: {}, alerts: [{ labels: { instance: "a" } }] })).toBe("Multi on a");
    expect(groupTitle({ ...base, commonAnnotations: {}, alerts: [{ labels: {} }, { labels: {} }] })).toBe(
      "Multi (2 alerts)",
    );
    expect(
      groupTitle({
        commonLabels: {},
        groupLabels: {},
        commonAnnotations: {},
        alerts: [{ labels: { alertname: "X" } }, { labels: {} }],
      }),
    ).toBe("X (2 alerts)");
  });
});
