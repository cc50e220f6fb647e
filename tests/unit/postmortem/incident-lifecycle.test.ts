import { describe, expect, it } from "vitest";
import {
  canTransition,
  incidentDurations,
  parseSeverity,
  SEVERITY_DEFINITIONS,
  transition,
  validateInstantOrder,
  type IncidentLifecycle,
  type IncidentStatus,
} from "@/lib/postmortem";

const at = (iso: string): number => Date.parse(iso);
const MIN = 60_000;

describe("severity definitions", () => {
  it("requires postmortems for SEV-1/2 within 5 business days and makes SEV-3 optional", () => {
    expect(SEVERITY_DEFINITIONS["SEV-1"]).toMatchObject({ postmortem: "required", publishDueBusinessDays: 5, rank: 1 });
    expect(SEVERITY_DEFINITIONS["SEV-2"]).toMatchObject({ postmortem: "required", publishDueBusinessDays: 5, rank: 2 });
    expect(SEVERITY_DEFINITIONS["SEV-3"]).toMatchObject({ postmortem: "optional", rank: 3 });
    expect(SEVERITY_DEFINITIONS["SEV-1"].description).toContain("data loss");
  });

  it.each([
    ["SEV-1", "SEV-1"],
    ["sev2", "SEV-2"],
    [" SEV 3 ", "SEV-3"],
    ["1", "SEV-1"],
    ["SEV-4", null],
    ["critical", null],
  ] as const)("parseSeverity(%j) = %j", (input, expected) => {
    expect(parseSeverity(input)).toBe(expected);
  });
});

describe("incident status transitions", () => {
  it.each([
    ["investigating", "mitigated", true],
    ["investigating", "resolved", true],
    ["mitigated", "resolved", true],
    ["mitigated", "investigating", true],
    ["resolved", "investigating", true],
    ["resolved", "mitigated", false],
    ["investigating", "investigating", false],
  ] as const)("%s → %s allowed: %s", (from, to, expected) => {
    expect(canTransition(from, to)).toBe(expected);
  });

  const investigating: IncidentLifecycle = {
    status: "investigating",
    mitigatedAtMs: null,
    resolvedAtMs: null,
    reopenCount: 0,
  };
  const t0 = at("2026-11-27T14:20:00Z");

  it("stamps mitigation and resolution instants", () => {
    const mitigated = transition(investigating, "mitigated", t0);
    expect(mitigated).toEqual({ ok: true, value: { ...investigating, status: "mitigated", mitigatedAtMs: t0 } });
    if (!mitigated.ok) return;
    expect(transition(mitigated.value, "resolved", t0 + 10 * MIN)).toEqual({
      ok: true,
      value: { status: "resolved", mitigatedAtMs: t0, resolvedAtMs: t0 + 10 * MIN, reopenCount: 0 },
    });
  });

  it("resolving straight from investigating also counts as mitigated at that instant", () => {
    expect(transition(investigating, "resolved", t0)).toMatchObject({
      ok: true,
      value: { mitigatedAtMs: t0, resolvedAtMs: t0 },
    });
  });

  it("reopening clears the resolution, keeps the first mitigation and counts the reopen", () => {
    const resolved: IncidentLifecycle = {
      status: "resolved",
      mitigatedAtMs: t0,
      resolvedAtMs: t0 + MIN,
      reopenCount: 0,
    };
    expect(transition(resolved, "investigating", t0 + 60 * MIN)).toEqual({
      ok: true,
      value: { status: "investigating", mitigatedAtMs: t0, resolvedAtMs: null, reopenCount: 1 },
    });
  });

  it.each([
    ["resolved", "mitigated", "transition_not_allowed"],
    ["investigating", "investigating", "same_status"],
    ["paused", "resolved", "unknown_status"],
  ])("%s → %s fails with %s", (from, to, code) => {
    const incident = { ...investigating, status: from as IncidentStatus };
    expect(transition(incident, to as IncidentStatus, t0)).toMatchObject({ ok: false, error: code });
  });

  it("refuses a non-finite transition instant", () => {
    expect(transition(investigating, "mitigated", Number.NaN)).toMatchObject({ ok: false, error: "invalid_instant" });
  });
});

describe("validateInstantOrder", () => {
  const t = (minutes: number): number => at("2026-11-27T14:00:00Z") + minutes * MIN;

  it("accepts ordered instants, equal instants and missing ones", () => {
    expect(
      validateInstantOrder({
        impactStart: t(0),
        detected: t(3),
        acknowledged: t(3),
        mitigated: t(20),
        resolved: t(30),
      }),
    ).toEqual([]);
    expect(validateInstantOrder({ impactStart: t(0), mitigated: t(20) })).toEqual([]);
    expect(validateInstantOrder({})).toEqual([]);
  });

  it("names the out-of-order instant and the one it precedes", () => {
    expect(validateInstantOrder({ impactStart: t(5), detected: t(0) })).toEqual([
      {
        field: "detected",
        relatedField: "impactStart",
        message: "detected (2026-11-27T14:00:00.000Z) is before impactStart (2026-11-27T14:05:00.000Z).",
      },
    ]);
  });

  it.each([
    ["mitigated before detected", { impactStart: t(0), detected: t(10), mitigated: t(5) }, [["mitigated", "detected"]]],
    [
      "skips a missing instant when comparing",
      { impactStart: t(10), acknowledged: t(5) },
      [["acknowledged", "impactStart"]],
    ],
    ["resolved before everything", { detected: t(3), resolved: t(1) }, [["resolved", "detected"]]],
    [
      "impactEnd before mitigated",
      { mitigated: t(20), impactEnd: t(10), resolved: t(30) },
      [["impactEnd", "mitigated"]],
    ],
    ["impactEnd after resolved", { mitigated: t(20), impactEnd: t(40), resolved: t(30) }, [["impactEnd", "resolved"]]],
  ] as const)("%s", (_name, instants, expected) => {
    expect(validateInstantOrder(instants).map((v) => [v.field, v.relatedField])).toEqual(expected);
  });

  it("flags non-finite instants and leaves them out of the ordering", () => {
    expect(validateInstantOrder({ impactStart: t(0), detected: Number.NaN, resolved: t(9) })).toEqual([
      { field: "detected", message: "detected is not a valid instant." },
    ]);
  });
});

describe("incidentDurations", () => {
  const t = (minutes: number): number => at("2026-11-27T23:40:00Z") + minutes * MIN;

  it("measures from impact start (MTTD, MTTM, MTTR) and from detection (MTTA), across midnight UTC", () => {
    expect(
      incidentDurations({ impactStart: t(0), detected: t(3), acknowledged: t(5), mitigated: t(20), resolved: t(45) }),
    ).toEqual({
      timeToDetectMs: 3 * MIN,
      timeToAcknowledgeMs: 2 * MIN,
      timeToMitigateMs: 20 * MIN,
      timeToResolveMs: 45 * MIN,
      totalImpactMs: 20 * MIN,
    });
  });

  it("ends impact at impactEnd when given, else mitigated, else resolved", () => {
    expect(incidentDurations({ impactStart: t(0), mitigated: t(20), impactEnd: t(25) }).totalImpactMs).toBe(25 * MIN);
    expect(incidentDurations({ impactStart: t(0), resolved: t(45) }).totalImpactMs).toBe(45 * MIN);
  });

  it("returns null, never zero or negative, for missing or out-of-order pairs", () => {
    expect(incidentDurations({ detected: t(3), mitigated: t(1) })).toEqual({
      timeToDetectMs: null,
      timeToAcknowledgeMs: null,
      timeToMitigateMs: null,
      timeToResolveMs: null,
      totalImpactMs: null,
    });
    expect(incidentDurations({ impactStart: t(10), detected: t(5) }).timeToDetectMs).toBeNull();
  });
});
