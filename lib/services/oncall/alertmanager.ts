import { getDb, Prisma, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { groupResolved, groupTitle, mergeAlertStates, routeAlert, routingLabels, type AlertState, type LabelMatcher } from "@/lib/oncall";
import { alertmanagerWebhookSchema, type AlertmanagerWebhook } from "@/lib/validation/oncall";
import { advance } from "./escalation";
import { integrationForToken } from "./integrations";
import { deliverAll, type Notification } from "./notify";

// Alertmanager webhook intake. One Alertmanager notification = one alert group; the group (integration +
// groupKey) is one page while it is open (Page.openKey is unique while open, null once resolved):
// - a new firing group opens a page on the routed service and notifies step 1 of its escalation policy;
// - further deliveries of an open group (group_interval / repeat_interval, retries) only update it:
//   deliveries + 1 and a "redelivered" event, never a new page or new notifications;
// - `resolved` with every known alert (fingerprint) resolved closes it;
// - a resolved group with no open page (already closed) is ignored.

export type IntakeResult = { action: "opened" | "redelivered" | "resolved" | "ignored"; pageId: string | null };

const uniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/** Service (and its policy) a group routes to: the first matching route, else the integration's default. */
async function routeGroup(db: Db, integration: { routes: unknown; defaultServiceId: string | null }, payload: AlertmanagerWebhook) {
  const routes = (integration.routes as { matchers: LabelMatcher[]; service: string }[]).map((r) => ({ matchers: r.matchers, target: r.service }));
  const hit = routeAlert(routes, routingLabels(payload));
  const where = hit ? { slug: hit.target } : integration.defaultServiceId ? { id: integration.defaultServiceId } : null;
  const service = where ? await db.service.findUnique({ where, select: { id: true, slug: true, escalationPolicyId: true } }) : null;
  return { service, routeIndex: hit?.index ?? null };
}

async function openPage(db: Db, integrationId: string, openKey: string, payload: AlertmanagerWebhook, nowMs: number, route: Awaited<ReturnType<typeof routeGroup>>) {
  const { service } = route;
  const policy = service?.escalationPolicyId ? await db.escalationPolicy.findUnique({ where: { id: service.escalationPolicyId }, include: { steps: true } }) : null;
  const now = new Date(nowMs);
  return db.$transaction(async (tx) => {
    const page = await tx.page.create({
      data: {
        integrationId, groupKey: payload.groupKey, openKey, serviceId: service?.id ?? null, policyId: policy?.id ?? null,
        title: groupTitle(payload), severity: payload.commonLabels.severity ?? "page", status: "triggered", labels: payload.commonLabels,
        alerts: mergeAlertStates({}, payload.alerts), lastPayload: payload, openedAt: now,
      },
    });
    await tx.pageEvent.create({
      data: {
        pageId: page.id, at: now, kind: "opened",
        detail: { service: service?.slug ?? null, route: route.routeIndex, receiver: payload.receiver, externalURL: payload.externalURL, alerts: payload.alerts.length, truncatedAlerts: payload.truncatedAlerts },
      },
    });
    if (!policy || policy.steps.length === 0) {
      const reason = !service ? "no route matched and the integration has no default service" : !policy ? `service "${service.slug}" has no escalation policy` : "the escalation policy has no steps";
      await tx.pageEvent.create({ data: { pageId: page.id, at: now, kind: "not_paged", detail: { reason } } });
      return { pageId: page.id, notifications: [] as Notification[] };
    }
    const result = await advance(tx, page, policy, null, nowMs, service?.slug ?? null);
    await tx.page.update({ where: { id: page.id }, data: result.data });
    return { pageId: page.id, notifications: result.notifications };
  });
}

async function redeliver(db: Db, pageId: string, payload: AlertmanagerWebhook, nowMs: number): Promise<IntakeResult | null> {
  return db.$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id: pageId } });
    if (!page || page.openKey === null) return null; // closed meanwhile: start over
    const states = mergeAlertStates(page.alerts as Record<string, AlertState>, payload.alerts);
    const resolved = groupResolved(payload.status, states);
    const now = new Date(nowMs);
    const res = await tx.page.updateMany({
      where: { id: page.id, version: page.version },
      data: {
        deliveries: { increment: 1 }, alerts: states, lastPayload: payload, version: { increment: 1 },
        ...(resolved ? { status: "resolved", openKey: null, resolvedAt: now, resolvedBy: "alertmanager", nextEscalationAt: null } : {}),
      },
    });
    if (res.count === 0) return null; // changed meanwhile (ack, escalation): retry on fresh data
    const firing = Object.values(states).filter((s) => s === "firing").length;
    await tx.pageEvent.create({
      data: { pageId: page.id, at: now, kind: resolved ? "resolved" : "redelivered", detail: { by: "alertmanager", status: payload.status, alerts: payload.alerts.length, firing, delivery: page.deliveries + 1 } },
    });
    return { action: resolved ? "resolved" : "redelivered", pageId: page.id };
  });
}

/**
 * Handles one webhook call: `authorization` is the request's Authorization header, `body` the parsed JSON.
 * @throws UNAUTHENTICATED for a missing, unknown or revoked token; ZodError (→ 422) for a bad payload.
 */
export async function receiveAlertmanagerWebhook(authorization: string | null, body: unknown, nowMs = Date.now()): Promise<IntakeResult> {
  const token = authorization?.toLowerCase().startsWith("bearer ") ? authorization.slice(7).trim() : null;
  const integration = token ? await integrationForToken(token) : null;
  if (!integration) throw new AppError("UNAUTHENTICATED", "Send the integration's token as Authorization: Bearer <token> (http_config.authorization in alertmanager.yml)");
  const payload = alertmanagerWebhookSchema.parse(body);
  const db = await getDb();
  await db.integration.update({ where: { id: integration.id }, data: { lastUsedAt: new Date(nowMs) } });
  const openKey = `${integration.id}:${payload.groupKey}`;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const open = await db.page.findUnique({ where: { openKey }, select: { id: true } });
    if (open) {
      const result = await redeliver(db, open.id, payload, nowMs);
      if (result) return result;
      continue;
    }
    if (payload.status === "resolved") return { action: "ignored", pageId: null };
    try {
      const opened = await openPage(db, integration.id, openKey, payload, nowMs, await routeGroup(db, integration, payload));
      await deliverAll(opened.notifications);
      return { action: "opened", pageId: opened.pageId };
    } catch (err) {
      if (!uniqueViolation(err)) throw err; // a concurrent delivery opened it first: treat ours as a redelivery
    }
  }
  throw new AppError("CONFLICT", "the alert group kept changing while this delivery was applied; Alertmanager will retry");
}
