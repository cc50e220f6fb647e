import { describe, expect, it } from "vitest";
import { batched } from "@/lib/cache/batch";

describe("batched", () => {
  it("loads the keys asked for in one tick with one call; duplicates share it, absent keys are undefined", async () => {
    const calls: string[][] = [];
    const load = batched(async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== "gone").map((k) => [k, k.toUpperCase()]));
    });
    const got = await Promise.all(["a", "b", "a", "gone"].map(load));
    expect(got).toEqual(["A", "B", "A", undefined]);
    expect(calls).toEqual([["a", "b", "gone"]]);
    expect(await load("c")).toBe("C"); // a later tick is a new batch
    expect(calls).toHaveLength(2);
  });

  it("rejects every caller of a failed batch, and the next batch starts afresh", async () => {
    let fail = true;
    const load = batched(async (keys: string[]) => {
      if (fail) throw new Error("database down");
      return new Map(keys.map((k) => [k, 1]));
    });
    const results = await Promise.allSettled([load("x"), load("y")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await load("x")).toBe(1);
  });
});
