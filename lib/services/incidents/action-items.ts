import "server-only";
import { z } from "zod";
import { getDb, type Prisma } from "@/lib/db";
import {
  createActionItemRow,
  findActionItemPage,
  findActionItemRow,
  findActionItemRows,
  type ActionItemRow,
} from "@/lib/db/repos/action-items";
import { usersById } from "@/lib/db/repos/incidents";
import { parseColumn } from "@/lib/db/repos/parse-column";
import { AppError, notFound } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  actionItemDueAtMs,
  actionItemOverdue,
  changeActionItemStatus,
  defaultActionItemDue,
  pastDueDateProblem,
  validateActionItem,
  type ActionItem as DomainItem,
} from "@/lib/postmortem";
import type { Page } from "@/lib/validation/common";
import type { CreateActionItemInput, ListActionItemsQuery, UpdateActionItemInput } from "@/lib/validation/incidents";
import type { ActionItemView, DeletedView, UserLiteView } from "@/lib/validation/views/incidents";
import { recordAudit } from "../audit";
import { actorUserId, assertCanEditIncident, incidentScope, resolveServices, resolveUser, type Tx } from "./access";

// Action items: owner, priority P0–P3, type, due date (a local date in the owning team's zone, default
// from the priority via lib/postmortem defaultActionItemDue), status with a required reason for wont_do,
// external ticket URL, optimistic concurrency. Overdue is computed at read time (lib/postmortem).

type Row = ActionItemRow;

const priorityColumn = z.enum(ACTION_ITEM_PRIORITIES);
const typeColumn = z.enum(ACTION_ITEM_TYPES);
const statusColumn = z.enum(ACTION_ITEM_STATUSES);

const domainOf = (
  r: Pick<
    Row,
    | "id"
    | "title"
    | "ownerId"
    | "priority"
    | "type"
    | "status"
    | "dueDate"
    | "dueTimezone"
    | "wontDoReason"
    | "completedAt"
  >,
): DomainItem => ({
  title: r.title,
  owner: r.ownerId,
  priority: parseColumn(priorityColumn, r.priority, { table: "ActionItem", id: r.id, field: "priority" }),
  type: parseColumn(typeColumn, r.type, { table: "ActionItem", id: r.id, field: "type" }),
  status: parseColumn(statusColumn, r.status, { table: "ActionItem", id: r.id, field: "status" }),
  dueDate: r.dueDate,
  dueTimezone: r.dueDate === null ? null : r.dueTimezone,
  wontDoReason: r.wontDoReason,
  completedAtMs: r.completedAt?.getTime() ?? null,
});

export function toActionItemView(r: Row, users: Map<string, UserLiteView>, nowMs: number): ActionItemView {
  const d = domainOf(r);
  const dueAt = actionItemDueAtMs(d);
  const team = r.service?.team ?? r.incident?.team ?? null;
  return {
    id: r.id,
    incident: r.incident
      ? { id: r.incident.id, number: r.incident.number, key: `INC-${r.incident.number}`, title: r.incident.title }
      : null,
    service: r.service ? { id: r.service.id, slug: r.service.slug, name: r.service.name } : null,
    team: team ? { slug: team.slug, name: team.name } : null,
    title: r.title,
    description: r.description,
    owner: r.ownerId ? (users.get(r.ownerId) ?? { id: r.ownerId, name: "(deleted user)", email: "" }) : null,
    priority: d.priority,
    type: d.type,
    status: d.status,
    wontDoReason: r.wontDoReason,
    dueDate: r.dueDate,
    dueTimezone: r.dueTimezone,
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    overdue: actionItemOverdue(d, nowMs),
    ticketUrl: r.ticketUrl,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}
export type { ActionItemView };

export async function actionItemViews(
  tx: Pick<Tx, "user">,
  rows: Row[],
  nowMs = Date.now(),
): Promise<ActionItemView[]> {
  const users = await usersById(
    tx,
    rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])),
  );
  return rows.map((r) => toActionItemView(r, users, nowMs));
}

/** 422 with the domain's field messages when an item is inconsistent (e.g. P1 without due date). */
function assertValid(item: DomainItem) {
  const problems = validateActionItem(item);
  if (problems.length)
    throw new AppError(
      "VALIDATION",
      problems.map((p) => p.message).join(" "),
      Object.fromEntries(problems.map((p) => [p.field, p.message])),
    );
}

export async function listActionItems(
  actor: Actor,
  q: ListActionItemsQuery,
  nowMs = Date.now(),
): Promise<Page<ActionItemView>> {
  assertCanRead(actor);
  const db = await getDb();
  const and: Prisma.ActionItemWhereInput[] = [];
  if (q.team)
    and.push({
      OR: [{ service: { team: { slug: q.team } } }, { serviceId: null, incident: { team: { slug: q.team } } }],
    });
  if (q.service) and.push({ service: { slug: q.service } });
  if (q.status === "active") and.push({ status: { in: ["open", "in_progress"] } });
  else if (q.status) and.push({ status: q.status });
  if (q.priority) and.push({ priority: q.priority });
  if (q.owner) {
    const owner = q.owner === "me" ? { id: actor.userId } : await resolveUser(db, q.owner, "owner");
    and.push({ ownerId: owner.id });
  }
  if (q.incident) and.push({ incidentId: (await incidentScope(db, q.incident)).id });
  if (q.overdue === undefined) {
    const { rows, total } = await findActionItemPage(db, { AND: and }, q);
    return { items: await actionItemViews(db, rows, nowMs), page: q.page, pageSize: q.pageSize, total };
  }
  // Overdue depends on each item's own zone: narrow in SQL (a local date is at most one day after the
  // UTC date), then decide exactly per item.
  if (q.overdue) {
    const tomorrowUtc = new Date(nowMs + 86_400_000).toISOString().slice(0, 10);
    and.push({ status: { in: ["open", "in_progress"] }, dueDate: { not: null, lt: tomorrowUtc } });
  }
  const rows = await findActionItemRows(db, { AND: and });
  const matching = (await actionItemViews(db, rows, nowMs)).filter((v) => v.overdue === q.overdue);
  return {
    items: matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    page: q.page,
    pageSize: q.pageSize,
    total: matching.length,
  };
}

async function loadItem(tx: Tx, id: string): Promise<Row> {
  const row = await findActionItemRow(tx, id);
  if (!row) throw notFound(`action item ${id}`);
  return row;
}

/** Editors of the incident's teams (or the service's team when there is no incident); the owner may update their own item. */
async function assertCanEditItem(
  tx: Tx,
  actor: Actor,
  row: Pick<Row, "incidentId" | "service" | "ownerId">,
  allowOwner: boolean,
) {
  if (allowOwner && row.ownerId && row.ownerId === actor.userId) {
    if (actor.tokenScopes?.length && !actor.tokenScopes.includes("write"))
      throw new AppError("FORBIDDEN", 'This API token lacks the "write" scope');
    return;
  }
  if (row.incidentId) return assertCanEditIncident(actor, await incidentScope(tx, row.incidentId), "this action item");
  if (row.service) return assertCanEditTeam(actor, row.service.teamId, "this action item");
  throw new AppError("FORBIDDEN", "This action item has neither incident nor service; only its owner can change it");
}

export async function getActionItem(actor: Actor, id: string): Promise<ActionItemView> {
  assertCanRead(actor);
  const db = await getDb();
  return (await actionItemViews(db, [await loadItem(db, id)]))[0]!;
}

export async function createActionItem(
  actor: Actor,
  input: CreateActionItemInput,
  nowMs = Date.now(),
): Promise<ActionItemView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = input.incident !== undefined ? await incidentScope(tx, input.incident) : null;
    let serviceId: string | null;
    let teamId: string;
    if (input.service) {
      const [service] = await resolveServices(tx, [input.service], "service");
      serviceId = service!.id;
      teamId = scope?.teamId ?? service!.teamId;
    } else if (scope) {
      const first = await tx.incidentService.findFirst({
        where: { incidentId: scope.id },
        select: { serviceId: true },
      });
      serviceId = first?.serviceId ?? null;
      teamId = scope.teamId;
    } else {
      throw new AppError("VALIDATION", "Name the incident or the service the action item belongs to", {
        service: "name a service (or create the item under an incident)",
      });
    }
    if (scope) assertCanEditIncident(actor, scope, "action items of this incident");
    else assertCanEditTeam(actor, teamId, "action items of this service");
    const owner = input.owner ? await resolveUser(tx, input.owner, "owner") : null;
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { timezone: true } });
    const policy =
      input.dueDate === undefined
        ? defaultActionItemDue({ priority: input.priority, createdAtMs: nowMs, timezone: team.timezone })
        : null;
    const dueDate = input.dueDate === undefined ? (policy?.dueDate ?? null) : input.dueDate;
    const pastDue = pastDueDateProblem(input.dueDate ?? null, team.timezone, nowMs);
    if (pastDue)
      throw new AppError("VALIDATION", `Due date ${pastDue}: a new action item cannot start out overdue`, {
        dueDate: pastDue,
      });
    const item: DomainItem = {
      title: input.title,
      owner: owner?.id ?? null,
      priority: input.priority,
      type: input.type,
      status: input.status,
      dueDate,
      dueTimezone: dueDate === null ? null : team.timezone,
      wontDoReason: input.status === "wont_do" ? (input.wontDoReason ?? null) : null,
    };
    assertValid(item);
    const row = await createActionItemRow(tx, {
      incidentId: scope?.id ?? null,
      serviceId,
      title: input.title,
      description: input.description,
      ownerId: owner?.id ?? null,
      priority: input.priority,
      type: input.type,
      dueDate,
      dueTimezone: team.timezone,
      status: input.status,
      wontDoReason: item.wontDoReason ?? null,
      ticketUrl: input.ticketUrl,
      createdById: actorUserId(actor),
      completedAt: input.status === "done" ? new Date(nowMs) : null,
    });
    const [view] = await actionItemViews(tx, [row], nowMs);
    await recordAudit(tx, actor, {
      action: "action_item.create",
      entityType: "action_item",
      entityId: row.id,
      after: view,
    });
    return view!;
  });
}

/**
 * Partial update with optimistic concurrency (`version`, 409 when stale). Status changes go through
 * lib/postmortem changeActionItemStatus (wont_do needs a reason; done records completion). A changed
 * priority does not move an existing due date (send dueDate to change it).
 */
export async function updateActionItem(
  actor: Actor,
  id: string,
  input: UpdateActionItemInput,
  nowMs = Date.now(),
): Promise<ActionItemView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await loadItem(tx, id);
    const onlyStatus = Object.keys(input).every((k) => k === "status" || k === "wontDoReason" || k === "version");
    await assertCanEditItem(tx, actor, row, onlyStatus);
    const [before] = await actionItemViews(tx, [row], nowMs);
    let next = domainOf(row);
    if (input.status !== undefined && input.status !== row.status) {
      const changed = changeActionItemStatus(next, input.status, { atMs: nowMs, reason: input.wontDoReason });
      if (!changed.ok) throw new AppError("VALIDATION", changed.message, { wontDoReason: changed.message });
      next = changed.value;
    } else if (input.wontDoReason !== undefined && row.status === "wont_do") {
      next = { ...next, wontDoReason: input.wontDoReason };
    }
    const owner =
      input.owner === undefined ? undefined : input.owner === null ? null : await resolveUser(tx, input.owner, "owner");
    next = {
      ...next,
      title: input.title ?? next.title,
      owner: owner === undefined ? next.owner : (owner?.id ?? null),
      priority: input.priority ?? next.priority,
      type: input.type ?? next.type,
      dueDate: input.dueDate === undefined ? next.dueDate : input.dueDate,
      dueTimezone: (input.dueDate === undefined ? next.dueDate : input.dueDate) === null ? null : row.dueTimezone,
    };
    assertValid(next);
    const res = await tx.actionItem.updateMany({
      where: { id, version: input.version ?? row.version },
      data: {
        title: next.title,
        description: input.description ?? row.description,
        ownerId: next.owner,
        priority: next.priority,
        type: next.type,
        dueDate: next.dueDate,
        status: next.status,
        wontDoReason: next.wontDoReason ?? null,
        completedAt: next.completedAtMs ? new Date(next.completedAtMs) : null,
        ...(input.ticketUrl !== undefined ? { ticketUrl: input.ticketUrl } : {}),
        version: { increment: 1 },
      },
    });
    if (res.count === 0)
      throw new AppError(
        "CONFLICT",
        `This action item was changed by someone else (your version ${input.version}, now ${row.version}); reload and apply your edit again`,
        { version: "stale" },
      );
    const [after] = await actionItemViews(tx, [await loadItem(tx, id)], nowMs);
    await recordAudit(tx, actor, {
      action: "action_item.update",
      entityType: "action_item",
      entityId: id,
      before,
      after,
    });
    return after!;
  });
}

export async function deleteActionItem(actor: Actor, id: string): Promise<DeletedView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await loadItem(tx, id);
    await assertCanEditItem(tx, actor, row, false);
    const [before] = await actionItemViews(tx, [row]);
    await tx.actionItem.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "action_item.delete", entityType: "action_item", entityId: id, before });
    return { deleted: id };
  });
}
