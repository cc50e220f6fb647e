import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import type { EscalatePageInput } from "@/lib/validation/incidents";
import { recordAudit } from "../audit";
import { actorLabel, actorUserId } from "./access";
import { createIncident, readIncident } from "./incidents";
import type { IncidentView } from "./view";

/**
 * Escalates an on-call page into an incident: the page's service becomes the affected service (or
 * `services` when the page has none), its title the incident title, its opening the detection instant
 * and its acknowledgement the acknowledgement instant. A `page` timeline entry records the page at the
 * time it opened; the page is linked to the incident and gets an `escalated_to_incident` event. A page is
 * escalated at most once (409 naming the existing incident).
 */
export async function escalatePage(actor: Actor, pageId: string, input: EscalatePageInput): Promise<IncidentView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const page = await tx.page.findUnique({
      where: { id: pageId },
      include: { service: { select: { slug: true } }, incident: { select: { number: true } } },
    });
    if (!page) throw notFound(`page ${pageId}`);
    if (page.incident)
      throw new AppError("INVALID_STATE", `This page was already escalated into INC-${page.incident.number}`);
    const services = input.services ?? (page.service ? [page.service.slug] : null);
    if (!services)
      throw new AppError("VALIDATION", "The page has no service; name the affected services", {
        services: "name at least one affected service",
      });
    const now = Date.now();
    const ack = page.acknowledgedAt && page.acknowledgedAt.getTime() <= now ? page.acknowledgedAt : undefined;
    const incident = await createIncident(
      actor,
      {
        title: input.title ?? page.title,
        severity: input.severity,
        services,
        summary: "",
        commander: input.commander,
        detectedAt: page.openedAt,
        ...(ack ? { acknowledgedAt: ack } : {}),
      },
      { tx, timelineText: `Incident declared as ${input.severity} from page "${page.title}"` },
    );
    await tx.timelineEntry.create({
      data: {
        incidentId: incident.id,
        at: page.openedAt,
        kind: "page",
        starred: true,
        authorId: actorUserId(actor),
        authorLabel: actorLabel(actor),
        text: `Page opened: ${page.title} (${page.severity}, ${page.status}${page.acknowledgedAt ? `, acknowledged ${page.acknowledgedAt.toISOString()}` : ""})`,
      },
    });
    const linked = await tx.page.updateMany({
      where: { id: page.id, version: page.version, incidentId: null },
      data: { incidentId: incident.id, version: { increment: 1 } },
    });
    if (linked.count === 0)
      throw new AppError("CONFLICT", "The page changed while it was being escalated; reload and try again", {
        version: "stale",
      });
    await tx.pageEvent.create({
      data: {
        pageId: page.id,
        at: new Date(),
        kind: "escalated_to_incident",
        userIds: actorUserId(actor) ? [actor.userId] : [],
        detail: { incidentId: incident.id, number: incident.number },
      },
    });
    await recordAudit(tx, actor, {
      action: "page.escalate",
      entityType: "page",
      entityId: page.id,
      before: { incidentId: null },
      after: { incidentId: incident.id, number: incident.number },
    });
    return readIncident(tx, incident.id);
  });
}
