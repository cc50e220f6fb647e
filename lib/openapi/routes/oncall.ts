import {
  coverRequestInputSchema, createEscalationPolicySchema, createIntegrationSchema, createPersonFeedSchema, createScheduleSchema, alertmanagerWebhookSchema,
  atQuerySchema, handoffNoteInputSchema, listCoverRequestsSchema, listHandoffNotesSchema, listOverridesSchema, listPagesSchema, listPoliciesSchema,
  listSchedulesSchema, overrideInputSchema, updateEscalationPolicySchema, updateIntegrationSchema, updateScheduleSchema, windowQuerySchema,
} from "@/lib/validation/oncall";
import {
  calendarFeedCreatedView, calendarFeedRevokedView, calendarFeedView, coverRequestView, deletedView, escalationPolicyView, handoffNoteView, historyEntryView,
  oncallAtView, overrideView, policyOnCallView, scheduleListView, scheduleView, shiftsView,
} from "@/lib/validation/views/oncall";
import { intakeResultView, integrationView, integrationWithTokenView, pageView, pageWithEventsView } from "@/lib/validation/views/pages";
import { itemsOf, pageOf } from "@/lib/validation/views/common";
import { linkView } from "@/lib/validation/views/notify";
import { op, type Operation } from "../registry";

const S = "/api/v1/schedules/{id}";
export const oncallRoutes: Operation[] = [
  op({ method: "GET", path: "/api/v1/schedules", tag: "On-call", summary: "Schedules with who is on call now", query: listSchedulesSchema, response: { schema: scheduleListView } }),
  op({ method: "POST", path: "/api/v1/schedules", tag: "On-call", summary: "Create a schedule (editor of the team)", body: createScheduleSchema, response: { status: 201, schema: scheduleView } }),
  op({ method: "GET", path: S, tag: "On-call", summary: "A schedule: layers, on call now, rotation health", response: { schema: scheduleView } }),
  op({ method: "PATCH", path: S, tag: "On-call", summary: "Change a schedule (requires version; layers = the complete new list)", body: updateScheduleSchema, response: { schema: scheduleView } }),
  op({ method: "DELETE", path: S, tag: "On-call", summary: "Delete a schedule", response: { schema: deletedView } }),
  op({ method: "GET", path: `${S}/shifts`, tag: "On-call", summary: "The final timeline: segments, shifts, gaps, per-layer shifts, overrides", query: windowQuerySchema, response: { schema: shiftsView } }),
  op({ method: "GET", path: `${S}/oncall`, tag: "On-call", summary: "Who is on call at an instant (default now)", query: atQuerySchema, response: { schema: oncallAtView } }),
  op({ method: "GET", path: `${S}/history`, tag: "On-call", summary: "Who actually was on call (recorded as it happened)", query: windowQuerySchema, response: { schema: itemsOf(historyEntryView) } }),
  op({ method: "GET", path: `${S}/overrides`, tag: "On-call", summary: "Overrides (default: not yet ended)", query: listOverridesSchema, response: { schema: itemsOf(overrideView) } }),
  op({ method: "POST", path: `${S}/overrides`, tag: "On-call", summary: "Create an override", body: overrideInputSchema, response: { status: 201, schema: overrideView } }),
  op({ method: "DELETE", path: `${S}/overrides/{overrideId}`, tag: "On-call", summary: "Cancel a future override or end a running one now", response: { schema: overrideView } }),
  op({ method: "GET", path: `${S}/cover-requests`, tag: "On-call", summary: "Cover requests", query: listCoverRequestsSchema, response: { schema: itemsOf(coverRequestView) } }),
  op({ method: "POST", path: `${S}/cover-requests`, tag: "On-call", summary: "Ask for cover of your own shifts in a window", body: coverRequestInputSchema, response: { status: 201, schema: coverRequestView } }),
  op({ method: "POST", path: `${S}/cover-requests/{requestId}/accept`, tag: "On-call", summary: "Take the cover (creates a replace override)", response: { schema: coverRequestView } }),
  op({ method: "POST", path: `${S}/cover-requests/{requestId}/cancel`, tag: "On-call", summary: "Withdraw an open cover request", response: { schema: coverRequestView } }),
  op({ method: "GET", path: `${S}/handoff-notes`, tag: "On-call", summary: "Handoff notes", query: listHandoffNotesSchema, response: { schema: itemsOf(handoffNoteView) } }),
  op({ method: "POST", path: `${S}/handoff-notes`, tag: "On-call", summary: "Write the handoff note of your shift change", body: handoffNoteInputSchema, response: { status: 201, schema: handoffNoteView } }),
  op({ method: "POST", path: `${S}/handoff-notes/{noteId}/ack`, tag: "On-call", summary: "Acknowledge a handoff note (incoming person)", response: { schema: handoffNoteView } }),
  op({ method: "GET", path: `${S}/calendar-feeds`, tag: "On-call", summary: "Calendar feeds of this schedule you may see", response: { schema: itemsOf(calendarFeedView) } }),
  op({ method: "POST", path: `${S}/calendar-feeds`, tag: "On-call", summary: "A secret iCal feed URL of this schedule (shown once)", response: { status: 201, schema: calendarFeedCreatedView } }),
  op({ method: "GET", path: "/api/v1/calendar/feeds", tag: "On-call", summary: "Your calendar feeds (admins: all)", response: { schema: itemsOf(calendarFeedView) } }),
  op({ method: "POST", path: "/api/v1/calendar/feeds", tag: "On-call", summary: "A secret iCal feed of your shifts in every schedule (URL shown once)", body: createPersonFeedSchema, response: { status: 201, schema: calendarFeedCreatedView } }),
  op({ method: "DELETE", path: "/api/v1/calendar/feeds/{id}", tag: "On-call", summary: "Revoke a calendar feed", response: { schema: calendarFeedRevokedView } }),
  op({ method: "GET", path: "/api/v1/calendar/{token}", tag: "On-call", summary: "The iCal feed (the secret token in the URL is the credential)", params: { token: "the feed's secret token, optionally with .ics" }, auth: "feed-token", response: { contentType: "text/calendar", description: "iCalendar (RFC 5545)" } }),
  op({ method: "GET", path: "/api/v1/escalation-policies", tag: "On-call", summary: "Escalation policies", query: listPoliciesSchema, response: { schema: itemsOf(escalationPolicyView) } }),
  op({ method: "POST", path: "/api/v1/escalation-policies", tag: "On-call", summary: "Create an escalation policy (editor of the team)", body: createEscalationPolicySchema, response: { status: 201, schema: escalationPolicyView } }),
  op({ method: "GET", path: "/api/v1/escalation-policies/{id}", tag: "On-call", summary: "An escalation policy", response: { schema: escalationPolicyView } }),
  op({ method: "PATCH", path: "/api/v1/escalation-policies/{id}", tag: "On-call", summary: "Change an escalation policy (requires version)", body: updateEscalationPolicySchema, response: { schema: escalationPolicyView } }),
  op({ method: "DELETE", path: "/api/v1/escalation-policies/{id}", tag: "On-call", summary: "Delete an escalation policy", response: { schema: deletedView } }),
  op({ method: "GET", path: "/api/v1/escalation-policies/{id}/oncall", tag: "On-call", summary: "Every step of the policy resolved to people now", response: { schema: policyOnCallView } }),

  op({ method: "GET", path: "/api/v1/integrations", tag: "Alerting", summary: "Alertmanager integrations (admin)", response: { schema: itemsOf(integrationView) } }),
  op({ method: "POST", path: "/api/v1/integrations", tag: "Alerting", summary: "Create an integration (admin; its token is in this answer only)", body: createIntegrationSchema, response: { status: 201, schema: integrationWithTokenView } }),
  op({ method: "GET", path: "/api/v1/integrations/{id}", tag: "Alerting", summary: "An integration (admin)", response: { schema: integrationView } }),
  op({ method: "PATCH", path: "/api/v1/integrations/{id}", tag: "Alerting", summary: "Change name, routes or default service (admin)", body: updateIntegrationSchema, response: { schema: integrationView } }),
  op({ method: "DELETE", path: "/api/v1/integrations/{id}", tag: "Alerting", summary: "Revoke an integration: its token stops working (admin)", response: { schema: integrationView } }),
  op({ method: "POST", path: "/api/v1/integrations/{id}/token", tag: "Alerting", summary: "Issue a new token (shown once); the old one stops working (admin)", response: { schema: integrationWithTokenView } }),
  op({
    method: "POST", path: "/api/v1/integrations/alertmanager", tag: "Alerting", summary: "Alertmanager webhook receiver (version 4)",
    description: "Authenticated by the integration's token (Authorization: Bearer). 201 when a page opened; 200 for a redelivery, a resolve or an ignored resolved group.",
    body: alertmanagerWebhookSchema, auth: "integration-token", response: { status: 201, otherStatuses: [200], schema: intakeResultView },
  }),
  op({ method: "GET", path: "/api/v1/pages", tag: "Alerting", summary: "Pages, newest first", query: listPagesSchema, response: { schema: pageOf(pageView) } }),
  op({ method: "GET", path: "/api/v1/pages/{id}", tag: "Alerting", summary: "A page with its events", response: { schema: pageWithEventsView } }),
  op({ method: "POST", path: "/api/v1/pages/{id}/ack", tag: "Alerting", summary: "Acknowledge a page: stops the escalation", response: { schema: pageWithEventsView } }),
  op({ method: "POST", path: "/api/v1/pages/{id}/resolve", tag: "Alerting", summary: "Resolve a page", response: { schema: pageWithEventsView } }),
  op({ method: "POST", path: "/api/v1/pages/{id}/escalate", tag: "Alerting", summary: "Escalate now: notify the policy's next step at once (409 when the page is not triggered)", response: { schema: pageWithEventsView } }),
  op({
    method: "GET", path: "/api/v1/page-actions/{token}", tag: "Alerting", summary: "What a one-time action link from a notification would do (a confirm page for browsers)",
    description: "No sign-in: the link's secret token is the credential (bound to one page, one recipient and one action; 24 h). 404 not valid, 410 expired, 409 already used or already done.",
    params: { token: "the link's secret token" }, auth: "feed-token", response: { description: "state ready, with the action, the page title and the recipient; HTML for Accept: text/html", schema: linkView, otherContentTypes: ["text/html"] },
  }),
  op({
    method: "POST", path: "/api/v1/page-actions/{token}", tag: "Alerting", summary: "Use a one-time action link: acknowledge, resolve or escalate now as its recipient (audited)",
    description: "Single use; a second use answers 409 with what happened (\"This page was already acknowledged by …\").",
    params: { token: "the link's secret token" }, auth: "feed-token", response: { description: "state done, with a sentence; HTML for Accept: text/html", schema: linkView, otherContentTypes: ["text/html"] },
  }),
];
