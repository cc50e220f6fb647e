import "server-only";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { OncallAtView } from "@/lib/validation/views/oncall";
import { loadScheduleModel, refOf, userRefs } from "./model";
import { recordOnCall } from "./oncall-log";
import { layerNames, onCallAtModel, sourceView } from "./timeline";

/**
 * Who is on call in a schedule at `at` (default now; at a handoff instant the incoming people), from which
 * layer or override, and since/until when the same people are on call. Asking about now also records the
 * on-call history (OnCallLog) as it happens.
 */
export async function scheduleOncallAt(
  actor: Actor,
  scheduleId: string,
  at?: Date,
  nowMs = Date.now(),
): Promise<OncallAtView> {
  assertCanRead(actor);
  const model = await loadScheduleModel(null, scheduleId);
  if (!at) await recordOnCall(nowMs, [scheduleId]);
  const atMs = at ? at.getTime() : nowMs;
  const now = onCallAtModel(model, atMs);
  const refs = await userRefs(null, now.userIds);
  return {
    scheduleId,
    at: new Date(atMs).toISOString(),
    users: now.userIds.map((u) => refOf(refs, u)),
    source: sourceView(now.source, layerNames(model)),
    since: new Date(now.sinceMs).toISOString(),
    until: new Date(now.untilMs).toISOString(),
  };
}
