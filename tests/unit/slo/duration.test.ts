import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, SloDefinitionError } from "@/lib/slo";

describe("parseDuration", () => {
  it.each([
    ["5m", 300],
    ["30m", 1800],
    ["1h", 3600],
    ["1h30m", 5400],
    ["1d", 86_400],
    ["3d", 259_200],
    ["30d", 2_592_000],
    ["4w", 2_419_200],
    ["1y", 31_536_000],
    ["90s", 90],
    ["1m30s500ms", 90.5],
    ["0s", 0],
  ])("%s = %d s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "5", "m", "1.5h", "30m1h", "1h1h", "5 m", "-5m", "5M", "1h30"])("rejects %j", (text) => {
    expect(() => parseDuration(text)).toThrow(SloDefinitionError);
  });

  it("names the field it was given", () => {
    expect(() => parseDuration("x", "window")).toThrow(expect.objectContaining({ field: "window" }));
  });
});

describe("formatDuration", () => {
  it.each([
    [300, "5m"],
    [3600, "1h"],
    [5400, "1h30m"],
    [86_400, "1d"],
    [259_200, "3d"],
    [2_592_000, "30d"],
    [2_419_200, "28d"],
    [90061, "1d1h1m1s"],
    [0, "0s"],
    [0.25, "250ms"],
  ])("%d s = %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each(["5m", "1h30m", "30d", "3d", "1d1h1m1s"])("round-trips %s", (text) => {
    expect(formatDuration(parseDuration(text))).toBe(text);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %d", (seconds) => {
    expect(() => formatDuration(seconds)).toThrow(SloDefinitionError);
  });
});
