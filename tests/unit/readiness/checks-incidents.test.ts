import { describe, expect, it } from "vitest";
import {
  checkActionItems,
  checkPostmortems,
  formatInstant,
  formatLocalDay,
  postmortemTimeliness,
  type ActionItemFacts,
  type IncidentFacts,
} from "@/lib/readiness";

const svc = { slug: "checkout", timezone: "Europe/Berlin" };
// Resolved Friday 6 March 2026, 12:00 in Berlin → 5 business days → due Friday 13 March 23:59:59.999 Berlin (CET).
const RESOLVED = Date.UTC(2026, 2, 6, 11);
const DUE = Date.UTC(2026, 2, 13, 22, 59, 59, 999);
const DAY = 86_400_000;
const incident = (extra: Partial<IncidentFacts> = {}): IncidentFacts => ({
  number: 7,
  title: "Checkout 500s",
  severity: "SEV-2",
  resolvedAtMs: RESOLVED,
  timezone: "Europe/Berlin",
  publishedAtMs: null,
  ...extra,
});

describe("postmortem timeliness (lib/postmortem deadline in the team's zone)", () => {
  const t = (extra: Partial<Parameters<typeof postmortemTimeliness>[0]>) =>
    postmortemTimeliness({
      severity: "SEV-1",
      resolvedAtMs: RESOLVED,
      timezone: "Europe/Berlin",
      publishedAtMs: null,
      nowMs: DUE + DAY,
      ...extra,
    });
  it("is on time when published exactly at the deadline and late 1 ms after", () => {
    expect(t({ publishedAtMs: DUE })).toEqual({ status: "on_time", dueAtMs: DUE });
    expect(t({ publishedAtMs: DUE + 1 })).toEqual({ status: "late", dueAtMs: DUE });
  });
  it("is missing once the deadline passed unpublished, pending before", () => {
    expect(t({ nowMs: DUE + 1 }).status).toBe("missing");
    expect(t({ nowMs: DUE }).status).toBe("pending");
  });
  it("uses the team's zone: the same instant in New York is due a day-part later", () => {
    const ny = t({ timezone: "America/New_York" });
    expect(ny.dueAtMs).toBe(Date.UTC(2026, 2, 14, 3, 59, 59, 999)); // 13 March 23:59:59.999 EDT
  });
  it("SEV-3 needs none, an unresolved SEV-1/2 has not started its clock", () => {
    expect(t({ severity: "SEV-3" }).status).toBe("not_required");
    expect(t({ resolvedAtMs: null }).status).toBe("unresolved");
    expect(t({ severity: "SEV-3", resolvedAtMs: null }).status).toBe("not_required");
  });
  it("a publication stamped after `now` does not count yet", () => {
    expect(t({ publishedAtMs: DUE + 2 * DAY, nowMs: DUE + DAY }).status).toBe("missing");
  });
});

describe("check (e): SEV-1/2 postmortems published on time", () => {
  it("passes when published on time, and counts ones still within the deadline", () => {
    const r = checkPostmortems(
      svc,
      [incident({ publishedAtMs: DUE - DAY }), incident({ number: 8, resolvedAtMs: DUE + 3 * DAY })],
      DUE + 4 * DAY,
    );
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("1 SEV-1/2 postmortem(s) published on time; 1 still within the deadline.");
  });

  it("fails on a postmortem published late", () => {
    const r = checkPostmortems(svc, [incident({ publishedAtMs: DUE + 60_000 })], DUE + DAY);
    expect(r.status).toBe("fail");
    expect(r.details).toEqual([
      `INC-7 SEV-2 Checkout 500s: published 2026-03-14 00:00 Europe/Berlin, due 2026-03-13 23:59 Europe/Berlin`,
    ]);
    expect(r.link.href).toBe("/incidents/7/postmortem");
  });

  it("fails on an unpublished postmortem past its deadline", () => {
    const r = checkPostmortems(svc, [incident()], DUE + 1);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("1 of 1 SEV-1/2 postmortem(s) in the last 90 days were not published on time.");
  });

  it("ignores SEV-3, unresolved incidents and those resolved more than 90 days ago", () => {
    const now = RESOLVED + 91 * DAY;
    const r = checkPostmortems(
      svc,
      [
        incident(),
        incident({ number: 9, severity: "SEV-3", resolvedAtMs: now - DAY }),
        incident({ number: 10, resolvedAtMs: null }),
      ],
      now,
    );
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("No SEV-1/2 incident was resolved in the last 90 days.");
  });
});

const item = (extra: Partial<ActionItemFacts> = {}): ActionItemFacts => ({
  id: "a1",
  title: "Add retry budget",
  priority: "P1",
  status: "open",
  dueDate: "2026-03-13",
  dueTimezone: "Europe/Berlin",
  incidentNumber: 7,
  ...extra,
});

describe("check (f): no P0/P1 action item overdue", () => {
  it("fails when an open P1 is past the end of its local due day", () => {
    const r = checkActionItems(svc, [item()], DUE + 1);
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("1 P0/P1 action item(s) overdue.");
    expect(r.details).toEqual([`P1 Add retry budget (INC-7): due 2026-03-13 Europe/Berlin`]);
    expect(r.details[0]).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(r.link.href).toBe("/action-items?service=checkout&overdue=true");
  });

  it("passes on the due day itself, and for P2/P3, done and won't-do items", () => {
    expect(checkActionItems(svc, [item()], DUE).status).toBe("pass");
    const r = checkActionItems(
      svc,
      [item({ priority: "P2" }), item({ status: "done" }), item({ status: "wont_do", priority: "P0" })],
      DUE + DAY,
    );
    expect(r.status).toBe("pass");
    expect(r.reason).toBe("No open P0/P1 action item.");
  });

  it("an in-progress P0 counts, and the due day is judged in the item's own zone", () => {
    const tokyo = item({ priority: "P0", status: "in_progress", dueTimezone: "Asia/Tokyo" });
    // 13 March ends in Tokyo at 14:59:59.999 UTC, hours before it ends in Berlin.
    const late = checkActionItems(svc, [tokyo], Date.UTC(2026, 2, 13, 15));
    expect(late.status).toBe("fail");
    // A due day in another zone also says when it ends on the team's clock.
    expect(late.details).toEqual([
      "P0 Add retry budget (INC-7): due 2026-03-13 Asia/Tokyo (ends 2026-03-13 15:59 Europe/Berlin)",
    ]);
    expect(checkActionItems(svc, [tokyo], Date.UTC(2026, 2, 13, 14)).status).toBe("pass");
    expect(checkActionItems(svc, [tokyo], Date.UTC(2026, 2, 13, 14)).reason).toBe(
      "1 open P0/P1 action item(s), none overdue.",
    );
  });
});

describe("instants in check details", () => {
  it("a pending postmortem's deadline is written in the team's zone, not as ISO", () => {
    const r = checkPostmortems({ ...svc, timezone: "Asia/Tokyo" }, [incident()], DUE - DAY);
    expect(r.status).toBe("pass");
    expect(r.details).toEqual(["INC-7: due 2026-03-14 07:59 Asia/Tokyo"]);
  });

  it("formatInstant falls back to UTC, named, for a zone luxon does not know", () => {
    expect(formatInstant(DUE, "Mars/Olympus")).toBe("2026-03-13 22:59 UTC");
    expect(formatInstant(DUE, "Europe/Berlin")).toBe("2026-03-13 23:59 Europe/Berlin");
    expect(formatLocalDay(DUE, "Asia/Tokyo")).toBe("2026-03-14");
  });
});
