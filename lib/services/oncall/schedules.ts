import "server-only";
import { getDb, type Db } from "@/lib/db";
import { findLayerRows } from "@/lib/db/repos/schedules";
import { AppError, validation, type FieldErrors } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import { layerShifts, OncallDefinitionError, type Layer } from "@/lib/oncall";
import type { CreateScheduleInput, LayerInput, UpdateScheduleInput } from "@/lib/validation/oncall";
import type { LayerView, ScheduleListView, ScheduleView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import { scheduleHealth } from "./health";
import { applyLayerChanges, layerInputOf } from "./layer-versions";
import {
  effectiveFrom,
  lineageChains,
  loadScheduleModel,
  loadScheduleModels,
  refOf,
  userRefs,
  type ScheduleModel,
  type UserRef,
} from "./model";
import { recordOnCall } from "./oncall-log";
import { onCallAtModel, sourceView, layerNames } from "./timeline";

// Schedules CRUD. Team-scoped: editors (and above) of the owning team change them; everybody reads.

const DAY_MS = 86_400_000;

async function teamBySlug(db: Db, slug: string) {
  const team = await db.team.findUnique({ where: { slug } });
  if (!team) throw validation({ team: `unknown team "${slug}"` });
  return team;
}

/** 422 naming each layer field the domain cannot compute and each participant that is not a user. */
async function checkLayers(db: Db, layers: LayerInput[], tz: string, nowMs: number): Promise<void> {
  const fields: FieldErrors = {};
  layers.forEach((d, i) => {
    const layer: Layer = {
      id: "check",
      name: d.name,
      priority: d.priority,
      ...(d.timezone ? { timezone: d.timezone } : {}),
      rotation: d.rotation,
      handoffTime: d.handoffTime,
      startMs: d.startAt.getTime(),
      participants: d.participants,
      ...(d.restrictions ? { restrictions: d.restrictions } : {}),
    };
    try {
      const from = Math.max(nowMs, d.startAt.getTime());
      layerShifts(layer, tz, from, from + 14 * DAY_MS);
    } catch (err) {
      if (err instanceof OncallDefinitionError) fields[`layers.${i}.${err.field}`] = err.message;
      else throw err;
    }
  });
  const ids = [...new Set(layers.flatMap((d) => d.participants.filter((p): p is string => p !== null)))];
  const found = new Set(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((u) => u.id),
  );
  layers.forEach((d, i) =>
    d.participants.forEach((p, j) => {
      if (p !== null && !found.has(p)) fields[`layers.${i}.participants.${j}`] = `unknown user "${p}"`;
    }),
  );
  if (Object.keys(fields).length) throw validation(fields, "Invalid layers");
}

/** Layers in force now or scheduled (the newest version of each lineage not yet ended), highest priority first. */
export function currentLayers(model: ScheduleModel, nowMs: number, refs: Map<string, UserRef>): LayerView[] {
  const views: LayerView[] = [];
  for (const [lineageId, chain] of lineageChains(model.rows)) {
    const last = chain[chain.length - 1]!;
    if (last.endAt && last.endAt.getTime() <= nowMs) continue;
    views.push({
      id: lineageId,
      versionId: last.id,
      name: last.name,
      priority: last.priority,
      timezone: last.timezone,
      rotation: { unit: last.rotationUnit, every: last.rotationEvery, clock: last.clock },
      handoffTime: last.handoffTime,
      startAt: last.startAt.toISOString(),
      effectiveFrom: effectiveFrom(chain, chain.length - 1).toISOString(),
      endAt: last.endAt?.toISOString() ?? null,
      startPosition: last.startPosition,
      participants: last.participants.map((p) => (p ? refOf(refs, p) : null)),
      // The empty first version of a layer created with a start in the past is bookkeeping, not an edit.
      restrictions: last.restrictions,
      versions: chain.filter((r, i) => !(i === 0 && chain.length > 1 && r.participants.length === 0)).length,
    });
  }
  return views.sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
}

async function view(model: ScheduleModel, nowMs: number): Promise<Omit<ScheduleView, "health">> {
  const now = onCallAtModel(model, nowMs);
  const participantIds = model.rows.flatMap((r) => r.participants.filter((p): p is string => p !== null));
  const refs = await userRefs(null, [...participantIds, ...now.userIds]);
  const { schedule } = model;
  return {
    id: schedule.id,
    name: schedule.name,
    description: schedule.description,
    timezone: schedule.timezone,
    requireHandoffNote: schedule.requireHandoffNote,
    version: schedule.version,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
    team: schedule.team,
    layers: currentLayers(model, nowMs, refs),
    onCallNow: {
      users: now.userIds.map((u) => refOf(refs, u)),
      since: new Date(now.sinceMs).toISOString(),
      until: new Date(now.untilMs).toISOString(),
      source: sourceView(now.source, layerNames(model)),
    },
  };
}

/** One schedule: current layers, who is on call now (recorded in OnCallLog as it is read) and health warnings. */
export async function getSchedule(actor: Actor, id: string, nowMs = Date.now()): Promise<ScheduleView> {
  assertCanRead(actor);
  const model = await loadScheduleModel(null, id);
  await recordOnCall(nowMs, [id]);
  const [base, health] = await Promise.all([view(model, nowMs), scheduleHealth(model, nowMs)]);
  return { ...base, health };
}

export async function listSchedules(actor: Actor, q: { team?: string }, nowMs = Date.now()): Promise<ScheduleListView> {
  assertCanRead(actor);
  const db = await getDb();
  const ids = q.team
    ? (await db.schedule.findMany({ where: { team: { slug: q.team } }, select: { id: true } })).map((s) => s.id)
    : undefined;
  const models = await loadScheduleModels(db, ids);
  const items = await Promise.all(models.map((m) => view(m, nowMs)));
  return {
    items: items
      .map(({ layers, ...rest }) => ({ ...rest, layerCount: layers.length }))
      .sort((a, b) => a.team.slug.localeCompare(b.team.slug) || a.name.localeCompare(b.name)),
  };
}

export async function createSchedule(
  actor: Actor,
  input: CreateScheduleInput,
  nowMs = Date.now(),
): Promise<ScheduleView> {
  const db = await getDb();
  const team = await teamBySlug(db, input.team);
  assertCanEditTeam(actor, team.id, `schedules of team "${team.slug}"`);
  await checkLayers(db, input.layers, input.timezone, nowMs);
  const now = new Date(nowMs);
  const id = await db.$transaction(async (tx) => {
    const schedule = await tx.schedule.create({
      data: {
        teamId: team.id,
        name: input.name,
        description: input.description,
        timezone: input.timezone,
        requireHandoffNote: input.requireHandoffNote,
      },
    });
    await applyLayerChanges(tx, { scheduleId: schedule.id, tz: input.timezone, rows: [], desired: input.layers, now });
    await recordAudit(tx, actor, {
      action: "schedule.create",
      entityType: "schedule",
      entityId: schedule.id,
      after: { ...schedule, layers: input.layers },
    });
    return schedule.id;
  });
  return getSchedule(actor, id, nowMs);
}

/**
 * Changes a schedule. `version` must match (409 otherwise). Layer changes create new layer versions from
 * now on (never rewriting the past); a new time zone is applied to layers without their own zone from now
 * on, the past keeping the old zone.
 */
export async function updateSchedule(
  actor: Actor,
  id: string,
  input: UpdateScheduleInput,
  nowMs = Date.now(),
): Promise<ScheduleView> {
  const db = await getDb();
  const model = await loadScheduleModel(db, id);
  const before = model.schedule;
  assertCanEditTeam(actor, before.teamId, `schedule "${before.name}"`);
  const tz = input.timezone ?? before.timezone;
  const now = new Date(nowMs);
  const current = [...lineageChains(model.rows).values()]
    .map((c) => c[c.length - 1]!)
    .filter((r) => !r.endAt || r.endAt > now);
  const desired = input.layers ?? current.map(layerInputOf);
  if (input.layers) await checkLayers(db, input.layers, tz, nowMs);
  const { layers: _layers, version, ...fields } = input;
  await db.$transaction(async (tx) => {
    const res = await tx.schedule.updateMany({
      where: { id, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (res.count === 0)
      throw new AppError(
        "CONFLICT",
        `schedule "${before.name}" was changed by someone else (your version ${version}); reload and apply your edit again`,
        { version: "stale" },
      );
    let rows = await findLayerRows(tx, [id]);
    if (tz !== before.timezone) {
      // Freeze the zone of existing versions that followed the schedule's zone: the past keeps it.
      await tx.scheduleLayer.updateMany({
        where: { scheduleId: id, timezone: null },
        data: { timezone: before.timezone },
      });
      rows = rows.map((r) => (r.timezone ? r : { ...r, timezone: before.timezone }));
    }
    const changes = await applyLayerChanges(tx, { scheduleId: id, tz, rows, desired, now });
    const after = await tx.schedule.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, actor, {
      action: "schedule.update",
      entityType: "schedule",
      entityId: id,
      before: { ...before, layers: current.map(layerInputOf) },
      after: { ...after, layers: desired, layerChanges: changes },
    });
  });
  return getSchedule(actor, id, nowMs);
}

/** Deletes a schedule with its history. Refused (409) while an escalation policy step targets it. */
export async function deleteSchedule(actor: Actor, id: string): Promise<{ deleted: string }> {
  const db = await getDb();
  const model = await loadScheduleModel(db, id);
  assertCanEditTeam(actor, model.schedule.teamId, `schedule "${model.schedule.name}"`);
  const steps = await db.escalationStep.findMany({
    where: { targets: { array_contains: [{ kind: "schedule", scheduleId: id }] } },
    include: { policy: { select: { name: true } } },
  });
  if (steps.length) {
    throw new AppError(
      "CONFLICT",
      `schedule "${model.schedule.name}" is a target of escalation policy ${[...new Set(steps.map((s) => `"${s.policy.name}"`))].join(", ")}; remove it there first`,
    );
  }
  await db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "schedule.delete",
      entityType: "schedule",
      entityId: id,
      before: { ...model.schedule, layers: model.rows.length },
    });
  });
  return { deleted: id };
}
