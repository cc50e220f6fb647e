import "server-only";
import { getDb } from "@/lib/db";
import { integrationRoutes } from "@/lib/db/repos/integrations";
import { pageColumns } from "@/lib/db/repos/pages";
import { AppError } from "@/lib/errors";
import { groupResolved, groupTitle, mergeAlertStates, routeAlert, routingLabels } from "@/lib/oncall";
import { alertmanagerWebhookSchema, type AlertmanagerWebhook } from "@/lib/validation/oncall";
import type { IntakeResultView } from "@/lib/validation/views/pages";
import { advance } from "./escalation";
import { integrationForToken } from "./integrations";
import type { Tx } from "./model";
import { settlePage } from "../notify/queue";
import { announcePages, kickDelivery, type Notification } from "./notify";

// Alertmanager webhook intake. One Alertmanager notification = one alert group; the group (integration +
// groupKey) is one page while it is open (Page.openKey is unique while open, null once resolved):
// - a new firing group opens a page on the routed service and notifies step 1 of its escalation policy;
// - further deliveries of an open group (group_interval / repeat_interval, retries) only update it:
//   deliveries + 1 and a "redelivered" event, never a new page or new notifications;
// - `resolved` with every known alert (fingerprint) resolved closes it;
// - a resolved group with no open page (already closed) is ignored.

type IntakeResult = IntakeResultView;

/** Service (and its policy) a group routes to: the first matching route, else the integration's default. */
async function routeGroup(
  db: Tx,
  integration: { id: string; routes: unknown; defaultServiceId: string | null },
  payload: AlertmanagerWebhook,
) {
  const routes = integrationRoutes(integration).map((r) => ({ matchers: r.matchers, target: r.service }));
  const hit = routeAlert(routes, routingLabels(payload));
  const where = hit ? { slug: hit.target } : integration.defaultServiceId ? { id: integration.defaultServiceId } : null;
  const service = where
    ? await db.service.findUnique({ where, select: { id: true, slug: true, escalationPolicyId: true } })
    : null;
  return { service, routeIndex: hit?.index ?? null };
}

async function openPage(
  tx: Tx,
  integrationId: string,
  openKey: string,
  payload: AlertmanagerWebhook,
  nowMs: number,
  route: Awaited<ReturnType<typeof routeGroup>>,
) {
  const { service } = route;
  const policy = service?.escalationPolicyId
    ? await tx.escalationPolicy.findUnique({ where: { id: service.escalationPolicyId }, include: { steps: true } })
    : null;
  const now = new Date(nowMs);
  const page = await tx.page.create({
    data: {
      integrationId,
      groupKey: payload.groupKey,
      openKey,
      serviceId: service?.id ?? null,
      policyId: policy?.id ?? null,
      title: groupTitle(payload),
      severity: payload.commonLabels.severity ?? "page",
      status: "triggered",
      labels: payload.commonLabels,
      alerts: mergeAlertStates({}, payload.alerts),
      lastPayload: payload,
      openedAt: now,
    },
  });
  await tx.pageEvent.create({
    data: {
      pageId: page.id,
      at: now,
      kind: "opened",
      detail: {
        service: service?.slug ?? null,
        route: route.routeIndex,
        receiver: payload.receiver,
        externalURL: payload.externalURL,
        alerts: payload.alerts.length,
        truncatedAlerts: payload.truncatedAlerts,
      },
    },
  });
  if (!policy || policy.steps.length === 0) {
    const reason = !service
      ? "no route matched and the integration has no default service"
      : !policy
        ? `service "${service.slug}" has no escalation policy`
        : "the escalation policy has no steps";
    await tx.pageEvent.create({ data: { pageId: page.id, at: now, kind: "not_paged", detail: { reason } } });
    return { pageId: page.id, notifications: [] as Notification[] };
  }
  const result = await advance(tx, page, policy, null, nowMs, service?.slug ?? null);
  await tx.page.update({ where: { id: page.id }, data: result.data });
  return { pageId: page.id, notifications: result.notifications };
}

async function redeliver(
  tx: Tx,
  pageId: string,
  payload: AlertmanagerWebhook,
  nowMs: number,
): Promise<IntakeResult | null> {
  // Row lock: an acknowledgement, manual resolve or escalation of this page waits until this
  // delivery commits, so the version read here is still current at the update below.
  await tx.$executeRaw`SELECT 1 FROM "Page" WHERE id = ${pageId} FOR UPDATE`;
  const page = await tx.page.findUnique({ where: { id: pageId } });
  if (!page || page.openKey === null) return null; // closed meanwhile: start over
  const states = mergeAlertStates(pageColumns(page).alerts, payload.alerts);
  const resolved = groupResolved(payload.status, states);
  const now = new Date(nowMs);
  const res = await tx.page.updateMany({
    where: { id: page.id, version: page.version },
    data: {
      deliveries: { increment: 1 },
      alerts: states,
      lastPayload: payload,
      version: { increment: 1 },
      ...(resolved
        ? { status: "resolved", openKey: null, resolvedAt: now, resolvedBy: "alertmanager", nextEscalationAt: null }
        : {}),
    },
  });
  if (res.count === 0) return null; // changed meanwhile (ack, escalation): retry on fresh data
  if (resolved)
    await settlePage(
      tx,
      {
        pageId: page.id,
        kind: "resolved",
        step: page.currentStep,
        round: page.round,
        atMs: nowMs,
        payload: { by: "Alertmanager (the alerts stopped firing)" },
      },
      null,
    );
  const firing = Object.values(states).filter((s) => s === "firing").length;
  await tx.pageEvent.create({
    data: {
      pageId: page.id,
      at: now,
      kind: resolved ? "resolved" : "redelivered",
      detail: {
        by: "alertmanager",
        status: payload.status,
        alerts: payload.alerts.length,
        firing,
        delivery: page.deliveries + 1,
      },
    },
  });
  return { action: resolved ? "resolved" : "redelivered", pageId: page.id };
}

/**
 * Handles one webhook call: `authorization` is the request's Authorization header, `body` the parsed JSON.
 * @throws UNAUTHENTICATED for a missing, unknown or revoked token; ZodError (→ 422) for a bad payload.
 */
export async function receiveAlertmanagerWebhook(
  authorization: string | null,
  body: unknown,
  nowMs = Date.now(),
): Promise<IntakeResult> {
  const token = authorization?.toLowerCase().startsWith("bearer ") ? authorization.slice(7).trim() : null;
  const integration = token ? await integrationForToken(token) : null;
  if (!integration)
    throw new AppError(
      "UNAUTHENTICATED",
      "Send the integration's token as Authorization: Bearer <token> (http_config.authorization in alertmanager.yml)",
    );
  const payload = alertmanagerWebhookSchema.parse(body);
  const db = await getDb();
  await db.integration.update({ where: { id: integration.id }, data: { lastUsedAt: new Date(nowMs) } });
  const openKey = `${integration.id}:${payload.groupKey}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // One transaction per delivery, serialized per group by a transaction-scoped advisory lock: 100
    // concurrent deliveries of a new group queue up, the first opens the page and every later one
    // finds it open and counts as a redelivery — each gets a 2xx (Alertmanager retries only 5xx, so a
    // 4xx would silently drop the delivery). The wait for the lock needs more than Prisma's 5 s default.
    const outcome = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${openKey}, 0))`;
        const open = await tx.page.findUnique({ where: { openKey }, select: { id: true } });
        if (open) {
          const result = await redeliver(tx, open.id, payload, nowMs);
          return result ? { result, notifications: [] as Notification[] } : null;
        }
        if (payload.status === "resolved")
          return { result: { action: "ignored", pageId: null } satisfies IntakeResult, notifications: [] };
        const opened = await openPage(
          tx,
          integration.id,
          openKey,
          payload,
          nowMs,
          await routeGroup(tx, integration, payload),
        );
        return {
          result: { action: "opened", pageId: opened.pageId } satisfies IntakeResult,
          notifications: opened.notifications,
        };
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
    if (outcome) {
      await announcePages(outcome.notifications);
      if (outcome.result.action === "resolved") await kickDelivery(); // the "resolved" follow-ups
      return outcome.result;
    }
  }
  // Not expected (the page row is locked while it is read and updated); a 5xx so that Alertmanager retries.
  throw new AppError("INTERNAL", "the alert group could not be updated just now; Alertmanager will retry");
}
