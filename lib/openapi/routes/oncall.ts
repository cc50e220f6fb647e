import {
  coverRequestInputSchema,
  createEscalationPolicySchema,
  createIntegrationSchema,
  createPersonFeedSchema,
  createScheduleSchema,
  alertmanagerWebhookSchema,
  atQuerySchema,
  handoffNoteInputSchema,
  listCoverRequestsSchema,
  listHandoffNotesSchema,
  listOverridesSchema,
  listPagesSchema,
  listPoliciesSchema,
  listSchedulesSchema,
  overrideInputSchema,
  updateEscalationPolicySchema,
  updateIntegrationSchema,
  updateScheduleSchema,
  windowQuerySchema,
} from "@/lib/validation/oncall";
import {
  calendarFeedCreatedView,
  calendarFeedRevokedView,
  calendarFeedView,
  coverRequestView,
  deletedView,
  escalationPolicyView,
  handoffNoteView,
  historyEntryView,
  oncallAtView,
  overrideView,
  policyOnCallView,
  scheduleListView,
  scheduleView,
  shiftsView,
} from "@/lib/validation/views/oncall";
import {
  intakeResultView,
  integrationView,
  integrationWithTokenView,
  pageView,
  pageWithEventsView,
} from "@/lib/validation/views/pages";
import { itemsOf, pageOf } from "@/lib/validation/views/common";
import { linkView } from "@/lib/validation/views/notify";
import { operationsOf, type Operation } from "../registry";

const alerting = operationsOf("Alerting");
const onCall = operationsOf("On-call");
const S = "/api/v1/schedules/{id}";
export const oncallRoutes: Operation[] = [
  onCall("GET", "/api/v1/schedules", "Schedules with who is on call now", {
    query: listSchedulesSchema,
    response: { schema: scheduleListView },
  }),
  onCall("POST", "/api/v1/schedules", "Create a schedule (editor of the team)", {
    body: createScheduleSchema,
    response: { status: 201, schema: scheduleView },
  }),
  onCall("GET", S, "A schedule: layers, on call now, rotation health", { response: { schema: scheduleView } }),
  onCall("PATCH", S, "Change a schedule (requires version; layers = the complete new list)", {
    body: updateScheduleSchema,
    response: { schema: scheduleView },
  }),
  onCall("DELETE", S, "Delete a schedule", { response: { schema: deletedView } }),
  onCall("GET", `${S}/shifts`, "The final timeline: segments, shifts, gaps, per-layer shifts, overrides", {
    query: windowQuerySchema,
    response: { schema: shiftsView },
  }),
  onCall("GET", `${S}/oncall`, "Who is on call at an instant (default now)", {
    query: atQuerySchema,
    response: { schema: oncallAtView },
  }),
  onCall("GET", `${S}/history`, "Who actually was on call (recorded as it happened)", {
    query: windowQuerySchema,
    response: { schema: itemsOf(historyEntryView) },
  }),
  onCall("GET", `${S}/overrides`, "Overrides (default: not yet ended)", {
    query: listOverridesSchema,
    response: { schema: itemsOf(overrideView) },
  }),
  onCall("POST", `${S}/overrides`, "Create an override", {
    body: overrideInputSchema,
    response: { status: 201, schema: overrideView },
  }),
  onCall("DELETE", `${S}/overrides/{overrideId}`, "Cancel a future override or end a running one now", {
    response: { schema: overrideView },
  }),
  onCall("GET", `${S}/cover-requests`, "Cover requests", {
    query: listCoverRequestsSchema,
    response: { schema: itemsOf(coverRequestView) },
  }),
  onCall("POST", `${S}/cover-requests`, "Ask for cover of your own shifts in a window", {
    body: coverRequestInputSchema,
    response: { status: 201, schema: coverRequestView },
  }),
  onCall("POST", `${S}/cover-requests/{requestId}/accept`, "Take the cover (creates a replace override)", {
    response: { schema: coverRequestView },
  }),
  onCall("POST", `${S}/cover-requests/{requestId}/cancel`, "Withdraw an open cover request", {
    response: { schema: coverRequestView },
  }),
  onCall("GET", `${S}/handoff-notes`, "Handoff notes", {
    query: listHandoffNotesSchema,
    response: { schema: itemsOf(handoffNoteView) },
  }),
  onCall("POST", `${S}/handoff-notes`, "Write the handoff note of your shift change", {
    body: handoffNoteInputSchema,
    response: { status: 201, schema: handoffNoteView },
  }),
  onCall("POST", `${S}/handoff-notes/{noteId}/ack`, "Acknowledge a handoff note (incoming person)", {
    response: { schema: handoffNoteView },
  }),
  onCall("GET", `${S}/calendar-feeds`, "Calendar feeds of this schedule you may see", {
    response: { schema: itemsOf(calendarFeedView) },
  }),
  onCall("POST", `${S}/calendar-feeds`, "A secret iCal feed URL of this schedule (shown once)", {
    response: { status: 201, schema: calendarFeedCreatedView },
  }),
  onCall("GET", "/api/v1/calendar/feeds", "Your calendar feeds (admins: all)", {
    response: { schema: itemsOf(calendarFeedView) },
  }),
  onCall("POST", "/api/v1/calendar/feeds", "A secret iCal feed of your shifts in every schedule (URL shown once)", {
    body: createPersonFeedSchema,
    response: { status: 201, schema: calendarFeedCreatedView },
  }),
  onCall("DELETE", "/api/v1/calendar/feeds/{id}", "Revoke a calendar feed", {
    response: { schema: calendarFeedRevokedView },
  }),
  onCall("GET", "/api/v1/calendar/{token}", "The iCal feed (the secret token in the URL is the credential)", {
    params: { token: "the feed's secret token, optionally with .ics" },
    auth: "feed-token",
    response: { contentType: "text/calendar", description: "iCalendar (RFC 5545)" },
  }),
  onCall("GET", "/api/v1/escalation-policies", "Escalation policies", {
    query: listPoliciesSchema,
    response: { schema: itemsOf(escalationPolicyView) },
  }),
  onCall("POST", "/api/v1/escalation-policies", "Create an escalation policy (editor of the team)", {
    body: createEscalationPolicySchema,
    response: { status: 201, schema: escalationPolicyView },
  }),
  onCall("GET", "/api/v1/escalation-policies/{id}", "An escalation policy", {
    response: { schema: escalationPolicyView },
  }),
  onCall("PATCH", "/api/v1/escalation-policies/{id}", "Change an escalation policy (requires version)", {
    body: updateEscalationPolicySchema,
    response: { schema: escalationPolicyView },
  }),
  onCall("DELETE", "/api/v1/escalation-policies/{id}", "Delete an escalation policy", {
    response: { schema: deletedView },
  }),
  onCall("GET", "/api/v1/escalation-policies/{id}/oncall", "Every step of the policy resolved to people now", {
    response: { schema: policyOnCallView },
  }),

  alerting("GET", "/api/v1/integrations", "Alertmanager integrations (admin)", {
    response: { schema: itemsOf(integrationView) },
  }),
  alerting("POST", "/api/v1/integrations", "Create an integration (admin; its token is in this answer only)", {
    body: createIntegrationSchema,
    response: { status: 201, schema: integrationWithTokenView },
  }),
  alerting("GET", "/api/v1/integrations/{id}", "An integration (admin)", { response: { schema: integrationView } }),
  alerting("PATCH", "/api/v1/integrations/{id}", "Change name, routes or default service (admin)", {
    body: updateIntegrationSchema,
    response: { schema: integrationView },
  }),
  alerting("DELETE", "/api/v1/integrations/{id}", "Revoke an integration: its token stops working (admin)", {
    response: { schema: integrationView },
  }),
  alerting(
    "POST",
    "/api/v1/integrations/{id}/token",
    "Issue a new token (shown once); the old one stops working (admin)",
    { response: { schema: integrationWithTokenView } },
  ),
  alerting("POST", "/api/v1/integrations/alertmanager", "Alertmanager webhook receiver (version 4)", {
    description:
      "Authenticated by the integration's token (Authorization: Bearer). 201 when a page opened; 200 for a redelivery, a resolve or an ignored resolved group.",
    body: alertmanagerWebhookSchema,
    auth: "integration-token",
    response: { status: 201, otherStatuses: [200], schema: intakeResultView },
  }),
  alerting("GET", "/api/v1/pages", "Pages, newest first", {
    query: listPagesSchema,
    response: { schema: pageOf(pageView) },
  }),
  alerting("GET", "/api/v1/pages/{id}", "A page with its events", { response: { schema: pageWithEventsView } }),
  alerting("POST", "/api/v1/pages/{id}/ack", "Acknowledge a page: stops the escalation", {
    response: { schema: pageWithEventsView },
  }),
  alerting("POST", "/api/v1/pages/{id}/resolve", "Resolve a page", { response: { schema: pageWithEventsView } }),
  alerting(
    "POST",
    "/api/v1/pages/{id}/escalate",
    "Escalate now: notify the policy's next step at once (409 when the page is not triggered)",
    { response: { schema: pageWithEventsView } },
  ),
  alerting(
    "GET",
    "/api/v1/page-actions/{token}",
    "What a one-time action link from a notification would do (a confirm page for browsers)",
    {
      description:
        "No sign-in: the link's secret token is the credential (bound to one page, one recipient and one action; 24 h). 404 not valid, 410 expired, 409 already used or already done.",
      params: { token: "the link's secret token" },
      auth: "feed-token",
      response: {
        description: "state ready, with the action, the page title and the recipient; HTML for Accept: text/html",
        schema: linkView,
        otherContentTypes: ["text/html"],
      },
    },
  ),
  alerting(
    "POST",
    "/api/v1/page-actions/{token}",
    "Use a one-time action link: acknowledge, resolve or escalate now as its recipient (audited)",
    {
      description:
        'Single use; a second use answers 409 with what happened ("This page was already acknowledged by …").',
      params: { token: "the link's secret token" },
      auth: "feed-token",
      response: {
        description: "state done, with a sentence; HTML for Accept: text/html",
        schema: linkView,
        otherContentTypes: ["text/html"],
      },
    },
  ),
];
