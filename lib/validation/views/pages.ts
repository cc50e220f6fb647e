import { z } from "zod";
import { integrationRouteSchema, PAGE_STATUSES } from "../oncall";
import { instant } from "./common";
import { userRefView } from "./oncall";

// Response views of the alerting API: Alertmanager integrations, the webhook's answer, pages with their
// events and notifications, and one-time action links. Wire format (instants as ISO 8601 strings).

export const integrationView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal("alertmanager"),
  prefix: z.string().describe("first characters of the token, to recognise it"),
  routes: z.array(integrationRouteSchema).describe("first match wins"),
  defaultService: z.string().nullable().describe("service slug"),
  createdAt: instant(),
  revokedAt: instant().nullable(),
  lastUsedAt: instant().nullable(),
  webhookPath: z.string(),
});
export type IntegrationView = z.infer<typeof integrationView>;

export const integrationWithTokenView = integrationView.extend({
  token: z.string().describe("the bearer token; shown in this answer only"),
});
export type IntegrationWithTokenView = z.infer<typeof integrationWithTokenView>;

export const intakeResultView = z.object({
  action: z.enum(["opened", "redelivered", "resolved", "ignored"]),
  pageId: z.string().nullable(),
});
export type IntakeResultView = z.infer<typeof intakeResultView>;

const alertState = z.enum(["firing", "resolved"]);

export const pageView = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.enum(PAGE_STATUSES),
  groupKey: z.string(),
  labels: z.record(z.string(), z.string()).describe("the alert group's common labels"),
  service: z.object({ slug: z.string(), name: z.string() }).nullable().describe("null = unrouted"),
  integration: z.object({ id: z.string(), name: z.string() }).nullable(),
  alerts: z.record(z.string(), alertState).describe("alert fingerprint → state"),
  deliveries: z.number().int().describe("webhook deliveries of the group"),
  currentStep: z.number().int().describe("0-based escalation step"),
  round: z.number().int(),
  nextEscalationAt: instant().nullable(),
  notified: z.array(userRefView),
  openedAt: instant(),
  acknowledgedAt: instant().nullable(),
  acknowledgedBy: userRefView.nullable(),
  resolvedAt: instant().nullable(),
  resolvedBy: z.string().nullable().describe('e-mail of who resolved it, or "alertmanager"'),
  version: z.number().int(),
});
export type PageView = z.infer<typeof pageView>;

export const pageDeliveryView = z.object({
  id: z.string(),
  kind: z.string(),
  userId: z.string().nullable(),
  step: z.number().int().nullable(),
  round: z.number().int().nullable(),
  channel: z.string().describe('contact method kind, "deleted" when it is gone'),
  method: z.string().nullable(),
  status: z.string(),
  dueAt: instant(),
  sentAt: instant().nullable(),
  attempts: z.array(
    z.object({
      at: instant(),
      outcome: z.string(),
      statusCode: z.number().int().nullable(),
      detail: z.string(),
      latencyMs: z.number().int(),
    }),
  ),
  line: z.string().describe("the sentence the page's timeline shows"),
  at: instant(),
});
export type PageDeliveryView = z.infer<typeof pageDeliveryView>;

export const pageEventView = z.object({
  id: z.string(),
  at: instant(),
  kind: z.string(),
  step: z.number().int().nullable(),
  users: z.array(userRefView),
  detail: z.record(z.string(), z.unknown()).describe("free-form facts of the event (its kind decides which)"),
});

export const pageWithEventsView = pageView.extend({
  notifications: z.array(pageDeliveryView),
  events: z.array(pageEventView).describe("oldest first"),
});
export type PageWithEventsView = z.infer<typeof pageWithEventsView>;
