/** The schedule form's values: a schedule, its layers and the restriction presets the form offers. */
export type Member = { id: string; name: string; email: string };
export type TeamOption = { slug: string; name: string; timezone: string; members: Member[] };
export type Restriction = {
  kind: "time_of_day" | "weekly";
  windows: { fromDay?: number; from: string; toDay?: number; to: string }[];
} | null;
export type LayerValue = {
  id?: string;
  name: string;
  priority: number;
  timezone: string | null;
  rotation: { unit: "hour" | "day" | "week"; every: number; clock: "wall" | "elapsed" };
  handoffTime: string;
  startAt: string;
  participants: (string | null)[];
  restrictions: Restriction;
};
export type ScheduleValue = {
  id: string;
  version: number;
  team: string;
  name: string;
  description: string;
  timezone: string;
  requireHandoffNote: boolean;
  layers: LayerValue[];
};

/** Restriction presets the form offers: none, every day between two times, or Monday–Friday between two times. */
export type Preset = "none" | "daily" | "weekdays";
export const presetOf = (r: Restriction): Preset => (!r ? "none" : r.kind === "weekly" ? "weekdays" : "daily");
export const windowOf = (r: Restriction) => r?.windows[0] ?? { from: "09:00", to: "17:00" };
export function restriction(preset: Preset, from: string, to: string): Restriction {
  if (preset === "none") return null;
  if (preset === "daily") return { kind: "time_of_day", windows: [{ from, to }] };
  return { kind: "weekly", windows: [1, 2, 3, 4, 5].map((d) => ({ fromDay: d, from, toDay: d, to })) };
}

/** A new layer: weekly turns handing off at 09:00, starting at `startAt`, nobody in it yet. */
export const newLayer = (name: string, priority: number, startAt: string): LayerValue => ({
  name,
  priority,
  timezone: null,
  rotation: { unit: "week", every: 1, clock: "wall" },
  handoffTime: "09:00",
  startAt,
  participants: [],
  restrictions: null,
});
