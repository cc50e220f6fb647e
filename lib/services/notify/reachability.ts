import "server-only";
import { getDb } from "@/lib/db";
import { usableMethod } from "@/lib/notify/rules";

// Whether pages can reach a user (issue 13 item 2): shown on their profile. A user in the rotation of
// a schedule (a layer in force now or later) with no verified, enabled contact method would be
// "notified" and hear nothing; the schedule's rotation health says the same (services/oncall/health.ts).

export type Reachability = { reachable: boolean; schedules: { id: string; name: string }[]; warning: string | null };

export async function reachabilityOf(userId: string, nowMs: number): Promise<Reachability> {
  const db = await getDb();
  const [methods, layers] = await Promise.all([
    db.contactMethod.findMany({
      where: { userId },
      select: { id: true, userId: true, verifiedAt: true, disabledAt: true },
    }),
    db.scheduleLayer.findMany({
      where: { participants: { array_contains: [userId] }, OR: [{ endAt: null }, { endAt: { gt: new Date(nowMs) } }] },
      select: { schedule: { select: { id: true, name: true } } },
    }),
  ]);
  const reachable = methods.some(usableMethod);
  const byId = new Map(layers.map((l) => [l.schedule.id, l.schedule]));
  const schedules = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  const warning =
    !reachable && schedules.length
      ? `You are in the rotation of ${schedules.map((s) => s.name).join(", ")} but have no verified contact method: pages cannot reach you. Add one and enter the code sent to it.`
      : null;
  return { reachable, schedules, warning };
}
