import "server-only";
import { getDb } from "@/lib/db";
import { validation } from "@/lib/errors";
import { assertCanRead, requireScope, type Actor } from "@/lib/auth/permissions";
import { effectiveRules } from "@/lib/notify/rules";
import type { NotificationRulesInput } from "@/lib/validation/notify";
import type { NotificationRulesView } from "@/lib/validation/views/notify";
import { recordAudit } from "../audit";
import { reachabilityOf } from "./reachability";

// The signed-in user's notification rules ("method M, N minutes after I am paged") and shift
// reminder lead time. PUT replaces the whole list: the form edits it as one thing, and a replace is
// idempotent. `effective` is what a page would do now (lib/notify/rules.ts, the worker's own rule).

export async function getNotificationRules(actor: Actor, nowMs = Date.now()): Promise<NotificationRulesView> {
  assertCanRead(actor);
  const db = await getDb();
  const [user, rules, methods, reach] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { shiftReminderMinutes: true } }),
    db.notificationRule.findMany({
      where: { userId: actor.userId },
      orderBy: [{ delayMinutes: "asc" }, { id: "asc" }],
      select: { id: true, contactMethodId: true, delayMinutes: true },
    }),
    db.contactMethod.findMany({
      where: { userId: actor.userId },
      select: { id: true, userId: true, name: true, verifiedAt: true, disabledAt: true },
    }),
    reachabilityOf(actor.userId, nowMs),
  ]);
  const names = new Map(methods.map((m) => [m.id, m.name]));
  const effective = effectiveRules(
    methods,
    rules.map((r) => ({ ...r, userId: actor.userId })),
  ).map((r) => ({ contactMethodId: r.methodId, name: names.get(r.methodId) ?? "", delayMinutes: r.delayMinutes }));
  return {
    rules,
    shiftReminderMinutes: user.shiftReminderMinutes,
    effective,
    reachable: reach.reachable,
    onCallSchedules: reach.schedules,
    warning: reach.warning,
  };
}

export async function setNotificationRules(
  actor: Actor,
  input: NotificationRulesInput,
): Promise<NotificationRulesView> {
  requireScope(actor, "write");
  const db = await getDb();
  const own = new Set(
    (await db.contactMethod.findMany({ where: { userId: actor.userId }, select: { id: true } })).map((m) => m.id),
  );
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  input.rules.forEach((r, i) => {
    if (!own.has(r.contactMethodId)) fields[`rules.${i}.contactMethodId`] = "is not one of your contact methods";
    const key = `${r.contactMethodId}:${r.delayMinutes}`;
    if (seen.has(key)) fields[`rules.${i}.delayMinutes`] ??= "this method already has a rule at this delay";
    seen.add(key);
  });
  if (Object.keys(fields).length) throw validation(fields, "Invalid notification rules");
  const before = await getNotificationRules(actor);
  await db.$transaction(async (tx) => {
    await tx.notificationRule.deleteMany({ where: { userId: actor.userId } });
    if (input.rules.length)
      await tx.notificationRule.createMany({
        data: input.rules.map((r) => ({
          userId: actor.userId,
          contactMethodId: r.contactMethodId,
          delayMinutes: r.delayMinutes,
        })),
      });
    if (input.shiftReminderMinutes !== undefined)
      await tx.user.update({ where: { id: actor.userId }, data: { shiftReminderMinutes: input.shiftReminderMinutes } });
    await recordAudit(tx, actor, {
      action: "notificationRules.set",
      entityType: "user",
      entityId: actor.userId,
      before: {
        rules: before.rules.map(({ contactMethodId, delayMinutes }) => ({ contactMethodId, delayMinutes })),
        shiftReminderMinutes: before.shiftReminderMinutes,
      },
      after: { rules: input.rules, shiftReminderMinutes: input.shiftReminderMinutes ?? before.shiftReminderMinutes },
    });
  });
  return getNotificationRules(actor);
}
