import "server-only";
import { onCallAt, type EscalationTarget } from "@/lib/oncall";
import { loadScheduleModels, type Client } from "./model";

export type ResolvedTargets = {
  /** Everyone notified, in target order, without duplicates. */
  userIds: string[];
  /** People on call per targeted schedule at the instant (empty list = nobody on call there). */
  bySchedule: Record<string, string[]>;
  scheduleIds: string[];
};

/** Resolves escalation targets to people at `atMs`: users as they are, schedules to who is on call then. */
export async function resolveTargets(
  client: Client,
  targets: EscalationTarget[],
  atMs: number,
): Promise<ResolvedTargets> {
  const scheduleIds = [...new Set(targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : [])))];
  const models = scheduleIds.length ? await loadScheduleModels(client, scheduleIds) : [];
  const bySchedule: Record<string, string[]> = {};
  for (const id of scheduleIds) bySchedule[id] = [];
  for (const m of models)
    bySchedule[m.schedule.id] = onCallAt({ schedule: m.domain, overrides: m.domainOverrides, atMs });
  const userIds: string[] = [];
  for (const t of targets) {
    for (const u of t.kind === "user" ? [t.userId] : (bySchedule[t.scheduleId] ?? []))
      if (!userIds.includes(u)) userIds.push(u);
  }
  return { userIds, bySchedule, scheduleIds };
}
