import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fieldErrors } from "@/lib/validation/common";
import { releaseGateQuerySchema } from "@/lib/validation/deployments";
import { AT_CLOCK_SKEW_SECONDS, burndownQuerySchema, statusQuerySchema } from "@/lib/validation/slo";

// Issue 11 item 2: a status `at` in the future answered 200 with numbers; it must be a 422 naming `at`.
const NOW = Date.parse("2026-03-10T12:00:00Z");

describe("`at` of as-of reads", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("refuses an instant in the future, naming at", () => {
    for (const schema of [statusQuerySchema, burndownQuerySchema, releaseGateQuerySchema]) {
      const r = schema.safeParse({ at: "2026-03-10T13:00:00Z" });
      expect(r.success).toBe(false);
      expect(fieldErrors(r.error!)).toEqual({
        at: "must not be in the future (at most 60 s ahead of the server's clock, for clock skew)",
      });
    }
    expect(statusQuerySchema.safeParse({ at: String(NOW / 1000 + AT_CLOCK_SKEW_SECONDS + 1) }).success).toBe(false);
  });

  it("allows the clock-skew tolerance, the past and no at at all", () => {
    expect(statusQuerySchema.parse({ at: String(NOW / 1000 + AT_CLOCK_SKEW_SECONDS) })).toEqual({
      at: NOW + AT_CLOCK_SKEW_SECONDS * 1000,
    });
    expect(statusQuerySchema.parse({ at: "2026-03-01T00:00:00Z" })).toEqual({ at: Date.parse("2026-03-01T00:00:00Z") });
    expect(statusQuerySchema.parse({})).toEqual({ at: undefined });
  });

  it("still reports an unreadable instant as such", () => {
    const r = statusQuerySchema.safeParse({ at: "tomorrow" });
    expect(fieldErrors(r.error!)).toEqual({ at: "must be an ISO 8601 instant or epoch seconds" });
  });
});
