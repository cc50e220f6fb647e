import "server-only";
import { z } from "zod";
import type { AlertState } from "@/lib/oncall";
import { alertmanagerWebhookSchema, type AlertmanagerWebhook } from "@/lib/validation/oncall";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// Pages as the services use them: the JSON columns written at intake (the group's common labels, each
// alert's state by fingerprint) parsed with the schemas of what was written.

const labelsSchema = z.record(z.string(), z.string());
const alertStatesSchema = z.record(z.string(), z.enum(["firing", "resolved"]));

export type PageColumns = { labels: Record<string, string>; alerts: Record<string, AlertState> };

export function pageColumns(row: { id: string; labels: unknown; alerts: unknown }): PageColumns {
  const at = (field: string) => ({ table: "Page", id: row.id, field });
  return {
    labels: parseColumn(labelsSchema, row.labels, at("labels")),
    alerts: parseColumn(alertStatesSchema, row.alerts, at("alerts")),
  };
}

/** Page.lastPayload: the latest Alertmanager notification of the page's group as accepted at intake (null for pages opened otherwise). */
export const pageLastPayload = (row: { id: string; lastPayload: unknown }): AlertmanagerWebhook | null =>
  parseColumn(alertmanagerWebhookSchema.nullable(), row.lastPayload, {
    table: "Page",
    id: row.id,
    field: "lastPayload",
  });

/** The page's latest Alertmanager delivery (parsed) and the incident it was escalated into; null when there is no page. */
export async function findPageDelivery(db: Prisma.TransactionClient, id: string) {
  const row = await db.page.findUnique({
    where: { id },
    select: { lastPayload: true, incident: { select: { number: true, title: true } } },
  });
  return row && { lastPayload: pageLastPayload({ id, lastPayload: row.lastPayload }), incident: row.incident };
}

/** A page as a notification renders it: its JSON columns parsed, with its service's slug and name; null when deleted. */
export async function findPageForMessage(db: Prisma.TransactionClient, id: string) {
  const page = await db.page.findUnique({
    where: { id },
    include: { service: { select: { slug: true, name: true } } },
  });
  return page && { ...page, ...pageColumns(page), lastPayload: pageLastPayload(page) };
}

/** The facts of a page event: a JSON object whose keys depend on the event's kind. */
export const eventDetail = (event: { id: string; detail: unknown }): Record<string, unknown> =>
  parseColumn(z.record(z.string(), z.unknown()), event.detail, { table: "PageEvent", id: event.id, field: "detail" });

type Client = Prisma.TransactionClient;

const pageInclude = {
  service: { select: { id: true, slug: true, name: true, teamId: true } },
  integration: { select: { id: true, name: true } },
} as const;

/** A page with its service (null = unrouted) and integration. */
export type PageRow = Prisma.PageModel & {
  service: { id: string; slug: string; name: string; teamId: string } | null;
  integration: { id: string; name: string } | null;
};

export const findPageRow = (db: Client, id: string): Promise<PageRow | null> =>
  db.page.findUnique({ where: { id }, include: pageInclude });

/** A page with its events, oldest first. */
export const findPageWithEvents = (
  db: Client,
  id: string,
): Promise<(PageRow & { events: Prisma.PageEventModel[] }) | null> =>
  db.page.findUnique({
    where: { id },
    include: { ...pageInclude, events: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });

/** Pages newest first, filtered by status (one or several) and service slug, one page of them with the total. */
export async function findPageList(
  db: Client,
  q: { statuses?: readonly string[]; service?: string; skip: number; take: number },
): Promise<{ rows: PageRow[]; total: number }> {
  const where = {
    ...(q.statuses ? { status: { in: [...q.statuses] } } : {}),
    ...(q.service ? { service: { slug: q.service } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.page.findMany({
      where,
      include: pageInclude,
      orderBy: [{ openedAt: "desc" }, { id: "desc" }],
      skip: q.skip,
      take: q.take,
    }),
    db.page.count({ where }),
  ]);
  return { rows, total };
}
