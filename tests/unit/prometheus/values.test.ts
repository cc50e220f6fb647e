import { describe, expect, it } from "vitest";
import { parseSampleValue } from "@/lib/prometheus";

describe("parseSampleValue", () => {
  it.each([
    ["0.0005", 0.0005],
    ["1", 1],
    ["-2.5", -2.5],
    ["1e-05", 0.00001],
    ["0.0002777777777777778", 7200 / 25_920_000],
    ["+Inf", Number.POSITIVE_INFINITY],
    ["-Inf", Number.NEGATIVE_INFINITY],
  ])("converts %s to a number", (raw, expected) => {
    expect(parseSampleValue(raw)).toBe(expected);
  });

  it("converts NaN to NaN", () => {
    expect(parseSampleValue("NaN")).toBeNaN();
  });

  it.each(["", " ", "abc", "1,5"])("rejects %j", (raw) => {
    expect(parseSampleValue(raw)).toBeUndefined();
  });
});
