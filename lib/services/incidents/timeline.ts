import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { parseColumn } from "@/lib/db/repos/parse-column";
import {
  TIMELINE_KINDS,
  type CreateTimelineEntryInput,
  type UpdateTimelineEntryInput,
} from "@/lib/validation/incidents";
import type { DeletedView, TimelineEntryView } from "@/lib/validation/views/incidents";
import { recordAudit } from "../audit";
import { actorLabel, actorUserId, assertCanEditIncident, incidentScope, type Tx } from "./access";

// Timeline entries: UTC instants (backdatable), kind, text, starred for the postmortem. Status and role
// changes are written by the system (kinds status_change and role_change): those can be starred, not
// rewritten or deleted. Order: at, then written-down time, then id (stable across reloads and exports).

/** Written down more than this after it happened → shown as "added later". */
const ADDED_LATER_MS = 5 * 60 * 1000;
const SYSTEM_KINDS = new Set(["status_change", "role_change"]);

type EntryRow = {
  id: string;
  at: Date;
  kind: string;
  text: string;
  starred: boolean;
  authorId: string | null;
  authorLabel: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const timelineKind = z.enum(TIMELINE_KINDS);

export const toTimelineEntryView = (e: EntryRow): TimelineEntryView => ({
  id: e.id,
  at: e.at.toISOString(),
  kind: parseColumn(timelineKind, e.kind, { table: "TimelineEntry", id: e.id, field: "kind" }),
  text: e.text,
  starred: e.starred,
  author: { id: e.authorId, label: e.authorLabel },
  system: SYSTEM_KINDS.has(e.kind),
  addedLater: e.createdAt.getTime() - e.at.getTime() > ADDED_LATER_MS,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
export type { TimelineEntryView };

export const TIMELINE_ORDER = [{ at: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

export async function timelineOf(
  tx: Pick<Tx, "timelineEntry">,
  incidentId: string,
  opts: { starredOnly?: boolean } = {},
): Promise<TimelineEntryView[]> {
  const rows = await tx.timelineEntry.findMany({
    where: { incidentId, ...(opts.starredOnly ? { starred: true } : {}) },
    orderBy: TIMELINE_ORDER,
  });
  return rows.map(toTimelineEntryView);
}

export async function listTimeline(
  actor: Actor,
  ref: string,
  opts: { starredOnly?: boolean } = {},
): Promise<{ items: TimelineEntryView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const scope = await incidentScope(db, ref);
  return { items: await timelineOf(db, scope.id, opts) };
}

export async function createTimelineEntry(
  actor: Actor,
  ref: string,
  input: CreateTimelineEntryInput,
): Promise<TimelineEntryView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = await incidentScope(tx, ref);
    assertCanEditIncident(actor, scope);
    const row = await tx.timelineEntry.create({
      data: {
        incidentId: scope.id,
        at: input.at ?? new Date(),
        kind: input.kind,
        text: input.text,
        starred: input.starred,
        authorId: actorUserId(actor),
        authorLabel: actorLabel(actor),
      },
    });
    const view = toTimelineEntryView(row);
    await recordAudit(tx, actor, {
      action: "timeline.create",
      entityType: "timeline_entry",
      entityId: row.id,
      after: { incidentId: scope.id, ...view },
    });
    return view;
  });
}

async function entryInIncident(tx: Tx, ref: string, entryId: string) {
  const scope = await incidentScope(tx, ref);
  const row = await tx.timelineEntry.findUnique({ where: { id: entryId } });
  if (!row || row.incidentId !== scope.id) throw notFound(`timeline entry ${entryId} of INC-${scope.number}`);
  return { scope, row };
}

/** Edits an entry (optimistic concurrency on `version`); system entries can only be starred or unstarred. */
export async function updateTimelineEntry(
  actor: Actor,
  ref: string,
  entryId: string,
  input: UpdateTimelineEntryInput,
): Promise<TimelineEntryView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { scope, row } = await entryInIncident(tx, ref, entryId);
    assertCanEditIncident(actor, scope);
    const { version, ...changes } = input;
    if (SYSTEM_KINDS.has(row.kind)) {
      const bad = Object.keys(changes).filter((k) => k !== "starred");
      if (bad.length)
        throw new AppError(
          "VALIDATION",
          "Status and role changes are recorded by the system; they can only be starred",
          Object.fromEntries(bad.map((k) => [k, "cannot change on a system entry"])),
        );
    }
    const res = await tx.timelineEntry.updateMany({
      where: { id: row.id, version: version ?? row.version },
      data: { ...changes, version: { increment: 1 } },
    });
    if (res.count === 0)
      throw new AppError(
        "CONFLICT",
        `This timeline entry was changed by someone else (your version ${version}, now ${row.version}); reload and try again`,
        { version: "stale" },
      );
    const after = toTimelineEntryView(await tx.timelineEntry.findUniqueOrThrow({ where: { id: row.id } }));
    await recordAudit(tx, actor, {
      action: "timeline.update",
      entityType: "timeline_entry",
      entityId: row.id,
      before: toTimelineEntryView(row),
      after,
    });
    return after;
  });
}

export async function deleteTimelineEntry(actor: Actor, ref: string, entryId: string): Promise<DeletedView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { scope, row } = await entryInIncident(tx, ref, entryId);
    assertCanEditIncident(actor, scope);
    if (SYSTEM_KINDS.has(row.kind))
      throw new AppError("INVALID_STATE", "Status and role changes are part of the record and cannot be deleted");
    await tx.timelineEntry.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, {
      action: "timeline.delete",
      entityType: "timeline_entry",
      entityId: row.id,
      before: { incidentId: scope.id, ...toTimelineEntryView(row) },
    });
    return { deleted: row.id };
  });
}
