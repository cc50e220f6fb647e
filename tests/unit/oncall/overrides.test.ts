import { describe, expect, it } from "vitest";
import { applyOverride, finalTimeline, orderOverrides, type Override, type Schedule } from "@/lib/oncall";
import { BERLIN, HOUR, iso, local, makeLayer, segmentView } from "./helpers";

const weekly: Schedule = { timezone: BERLIN, layers: [makeLayer({ participants: ["A", "B"] })] }; // A: week of 03-01, B: week of 03-08
const ov = (o: Partial<Override> & Pick<Override, "id" | "kind" | "userId">, from: string, to: string): Override => ({
  startMs: local(from),
  endMs: local(to),
  ...o,
});

describe("E7: replace-everyone (SET) across a handoff", () => {
  it("covers Sun 18:00 → Tue 12:00 and leaves the rotation's own boundaries alone", () => {
    const overrides = [ov({ id: "set", kind: "replace", userId: "C" }, "2027-03-07T18:00", "2027-03-09T12:00")];
    const segments = finalTimeline({
      schedule: weekly,
      overrides,
      fromMs: local("2027-03-01T09:00"),
      toMs: local("2027-03-15T09:00"),
    });
    expect(segmentView(segments)).toEqual([
      ["A", "2027-03-01T08:00:00Z", "2027-03-07T17:00:00Z"],
      ["C", "2027-03-07T17:00:00Z", "2027-03-09T11:00:00Z"],
      ["B", "2027-03-09T11:00:00Z", "2027-03-15T08:00:00Z"],
    ]);
    expect(segments[1]!.source).toEqual({ kind: "override", overrideId: "set" });
  });
});

describe("E8: a partial replace only acts where the replaced user is on call", () => {
  const restricted: Schedule = {
    timezone: BERLIN,
    layers: [
      makeLayer({
        participants: ["A", "B"],
        restrictions: {
          kind: "weekly",
          windows: ([1, 2, 3, 4, 5] as const).map((d) => ({ fromDay: d, from: "09:00", to: "17:00" })),
        },
      }),
    ],
  };
  const overrides = [
    ov({ id: "cover", kind: "replace", userId: "C", replacesUserId: "A" }, "2027-03-01T00:00", "2027-03-11T00:00"),
  ];
  const segments = finalTimeline({
    schedule: restricted,
    overrides,
    fromMs: local("2027-03-01T00:00"),
    toMs: local("2027-03-13T00:00"),
  });

  it("gives C five separate 8-hour segments in A's week, never joined across nights", () => {
    const covered = segments.filter((s) => s.userIds.includes("C"));
    expect(covered).toHaveLength(5);
    expect(covered.every((s) => s.endMs - s.startMs === 8 * HOUR && s.source.kind === "override")).toBe(true);
    expect(iso(covered[0]!.startMs)).toBe("2027-03-01T08:00:00Z");
  });

  it("changes nothing in B's week, where A is not on call", () => {
    const bSegments = segments.filter((s) => s.userIds.includes("B"));
    expect(bSegments).toHaveLength(5);
    expect(bSegments.every((s) => s.source.kind === "layer")).toBe(true);
    expect(segments.filter((s) => s.userIds.length === 0).every((s) => s.source.kind === "gap")).toBe(true);
  });
});

describe("E19: stacked overrides apply in order", () => {
  const first = ov(
    { id: "o1", kind: "replace", userId: "B", replacesUserId: "A" },
    "2027-03-01T09:00",
    "2027-03-08T09:00",
  );
  const second = ov(
    { id: "o2", kind: "replace", userId: "C", replacesUserId: "B" },
    "2027-03-03T10:00",
    "2027-03-03T14:00",
  );
  const window = { fromMs: local("2027-03-01T09:00"), toMs: local("2027-03-10T09:00") };

  it("the second override acts on the first one's result", () => {
    const segments = finalTimeline({ schedule: weekly, overrides: [second, first], ...window });
    expect(segmentView(segments)).toEqual([
      ["B", "2027-03-01T08:00:00Z", "2027-03-03T09:00:00Z"],
      ["C", "2027-03-03T09:00:00Z", "2027-03-03T13:00:00Z"],
      ["B", "2027-03-03T13:00:00Z", "2027-03-08T08:00:00Z"],
      ["B", "2027-03-08T08:00:00Z", "2027-03-10T08:00:00Z"],
    ]);
    expect(segments.map((s) => (s.source.kind === "override" ? s.source.overrideId : s.source.kind))).toEqual([
      "o1",
      "o2",
      "o1",
      "layer",
    ]);
  });

  it("without the first override the second finds no B and changes nothing", () => {
    const segments = finalTimeline({ schedule: weekly, overrides: [second], ...window });
    expect(segmentView(segments)).toEqual([
      ["A", "2027-03-01T08:00:00Z", "2027-03-08T08:00:00Z"],
      ["B", "2027-03-08T08:00:00Z", "2027-03-10T08:00:00Z"],
    ]);
  });
});

describe("add, remove and ordering", () => {
  const day = { fromMs: local("2027-03-02T00:00"), toMs: local("2027-03-03T00:00") };

  it("add appends, remove of the only user makes a gap, add fills a gap", () => {
    const overrides = [
      ov({ id: "add", kind: "add", userId: "X" }, "2027-03-02T08:00", "2027-03-02T10:00"),
      ov({ id: "rm", kind: "remove", userId: "A" }, "2027-03-02T12:00", "2027-03-02T16:00"),
      ov({ id: "fill", kind: "add", userId: "Y" }, "2027-03-02T14:00", "2027-03-02T15:00"),
    ];
    const segments = finalTimeline({ schedule: weekly, overrides, ...day });
    expect(segmentView(segments)).toEqual([
      ["A", "2027-03-01T23:00:00Z", "2027-03-02T07:00:00Z"],
      ["A+X", "2027-03-02T07:00:00Z", "2027-03-02T09:00:00Z"],
      ["A", "2027-03-02T09:00:00Z", "2027-03-02T11:00:00Z"],
      ["-", "2027-03-02T11:00:00Z", "2027-03-02T13:00:00Z"],
      ["Y", "2027-03-02T13:00:00Z", "2027-03-02T14:00:00Z"],
      ["-", "2027-03-02T14:00:00Z", "2027-03-02T15:00:00Z"],
      ["A", "2027-03-02T15:00:00Z", "2027-03-02T23:00:00Z"],
    ]);
    expect(segments[3]!.source).toEqual({ kind: "gap" });
  });

  it("a later-starting override wins where it overlaps an earlier-starting one", () => {
    const overrides = [
      ov({ id: "add", kind: "add", userId: "X" }, "2027-03-02T10:00", "2027-03-02T12:00"),
      ov({ id: "rm", kind: "remove", userId: "X" }, "2027-03-02T08:00", "2027-03-02T16:00"),
    ];
    const segments = finalTimeline({ schedule: weekly, overrides, ...day });
    expect(segments.filter((s) => s.userIds.includes("X")).map((s) => [iso(s.startMs), iso(s.endMs)])).toEqual([
      ["2027-03-02T09:00:00Z", "2027-03-02T11:00:00Z"],
    ]);
  });

  it.each([
    [
      "later createdAtMs wins on equal start",
      [
        { id: "x", createdAtMs: 2 },
        { id: "y", createdAtMs: 1 },
      ],
      "X",
    ],
    ["input order breaks remaining ties", [{ id: "x" }, { id: "y" }], "Y"],
  ])("%s", (_label, meta, winner) => {
    const overrides = meta.map((m) =>
      ov({ ...m, kind: "replace", userId: m.id.toUpperCase() }, "2027-03-02T10:00", "2027-03-02T12:00"),
    );
    expect(orderOverrides(overrides).at(-1)!.userId).toBe(winner);
    const segments = finalTimeline({ schedule: weekly, overrides, ...day });
    expect(segments.find((s) => s.startMs === local("2027-03-02T10:00"))!.userIds).toEqual([winner]);
  });

  it.each([
    ["replace swaps in place", ["A", "B"], { kind: "replace", userId: "C", replacesUserId: "A" }, ["C", "B"]],
    [
      "replace into someone already on call does not duplicate",
      ["A", "B"],
      { kind: "replace", userId: "B", replacesUserId: "A" },
      ["B"],
    ],
    ["replace of an absent user is a no-op", ["A"], { kind: "replace", userId: "C", replacesUserId: "Z" }, ["A"]],
    ["set replaces everyone", ["A", "B"], { kind: "replace", userId: "C" }, ["C"]],
    ["add is idempotent", ["A"], { kind: "add", userId: "A" }, ["A"]],
    ["remove of an absent user is a no-op", ["A"], { kind: "remove", userId: "Z" }, ["A"]],
  ] as const)("applyOverride: %s", (_label, users, change, expected) => {
    expect(applyOverride([...users], { id: "o", startMs: 0, endMs: 1, ...change })).toEqual(expected);
  });

  it("a no-op override keeps the layer as the source", () => {
    const segments = finalTimeline({
      schedule: weekly,
      overrides: [ov({ id: "noop", kind: "remove", userId: "Z" }, "2027-03-02T10:00", "2027-03-02T12:00")],
      ...day,
    });
    expect(segments).toHaveLength(1);
    expect(segments[0]!.source.kind).toBe("layer");
  });
});
