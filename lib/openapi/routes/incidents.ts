import {
  assignRoleSchema, changeStatusSchema, createActionItemSchema, createIncidentSchema, createTimelineEntrySchema, escalatePageSchema, listActionItemsSchema,
  listIncidentsSchema, reviewActionSchema, savePostmortemSchema, updateActionItemSchema, updateIncidentSchema, updateTimelineEntrySchema,
} from "@/lib/validation/incidents";
import { op, type Operation } from "../registry";
import { postmortemExportQuery, timelineQuery } from "../schemas";
import {
  actionItemPageView, actionItemView, deletedView, incidentBudgetView, incidentPageView, incidentView, peopleView, timelineEntryView, timelineView,
} from "@/lib/validation/views/incidents";
import { impactListView, impactRecomputeView, postmortemView } from "@/lib/validation/views/postmortems";

const I = "/api/v1/incidents/{id}";
const incidentId = { id: "incident id, number or INC-n" };
const save = "Save based on a version (body `version` or `If-Match`); stale → 409 (412 with If-Match) with the current document in `error.current`.";
export const incidentRoutes: Operation[] = [
  op({ method: "GET", path: "/api/v1/incidents", tag: "Incidents", summary: "Incidents", query: listIncidentsSchema, response: { schema: incidentPageView } }),
  op({ method: "POST", path: "/api/v1/incidents", tag: "Incidents", summary: "Declare an incident", body: createIncidentSchema, response: { status: 201, schema: incidentView } }),
  op({ method: "POST", path: "/api/v1/incidents/from-page/{pageId}", tag: "Incidents", summary: "Escalate an on-call page into an incident", body: escalatePageSchema, bodyOptional: true, response: { status: 201, schema: incidentView } }),
  op({ method: "GET", path: I, tag: "Incidents", summary: "An incident", params: incidentId, response: { schema: incidentView } }),
  op({ method: "PATCH", path: I, tag: "Incidents", summary: "Change an incident (requires version)", params: incidentId, body: updateIncidentSchema, response: { schema: incidentView } }),
  op({ method: "DELETE", path: I, tag: "Incidents", summary: "Delete an incident", params: incidentId, response: { schema: deletedView } }),
  op({ method: "GET", path: `${I}/budget`, tag: "Incidents", summary: "What the incident spent of each affected SLO's budget, and the budget-policy trigger", description: "Exact counts over the impact window ÷ allowed bad events of the SLO window ending at the impact's end. Above the policy's `postmortemAbove` (default 20 %) the postmortem is required with a P0/P1 action item; the trigger is stored on the postmortem (frozen once published).", params: incidentId, response: { schema: incidentBudgetView }, errors: [503] }),
  op({ method: "POST", path: `${I}/status`, tag: "Incidents", summary: "Lifecycle transition (reopen = investigating)", params: incidentId, body: changeStatusSchema, response: { schema: incidentView } }),
  op({ method: "POST", path: `${I}/roles`, tag: "Incidents", summary: "Assign a role", params: incidentId, body: assignRoleSchema, response: { schema: incidentView } }),
  op({ method: "DELETE", path: `${I}/roles`, tag: "Incidents", summary: "Unassign a role", params: incidentId, query: assignRoleSchema, response: { schema: incidentView } }),
  op({ method: "GET", path: `${I}/people`, tag: "Incidents", summary: "Candidates for roles and action-item owners", params: incidentId, response: { schema: peopleView } }),
  op({ method: "GET", path: `${I}/timeline`, tag: "Incidents", summary: "Timeline entries in order", params: incidentId, query: timelineQuery, response: { schema: timelineView } }),
  op({ method: "POST", path: `${I}/timeline`, tag: "Incidents", summary: "Add a timeline entry (backdatable)", params: incidentId, body: createTimelineEntrySchema, response: { status: 201, schema: timelineEntryView } }),
  op({ method: "PATCH", path: `${I}/timeline/{entryId}`, tag: "Incidents", summary: "Change a timeline entry", params: incidentId, body: updateTimelineEntrySchema, response: { schema: timelineEntryView } }),
  op({ method: "DELETE", path: `${I}/timeline/{entryId}`, tag: "Incidents", summary: "Delete a timeline entry", params: incidentId, response: { schema: deletedView } }),
  op({ method: "GET", path: `${I}/action-items`, tag: "Incidents", summary: "The incident's action items", params: incidentId, query: listActionItemsSchema, response: { schema: actionItemPageView } }),
  op({ method: "POST", path: `${I}/action-items`, tag: "Incidents", summary: "Add an action item to the incident", params: incidentId, body: createActionItemSchema, response: { status: 201, schema: actionItemView } }),
  op({ method: "GET", path: `${I}/postmortem`, tag: "Incidents", summary: "The incident's postmortem (ETag = version)", params: incidentId, response: { schema: postmortemView } }),
  op({ method: "PUT", path: `${I}/postmortem`, tag: "Incidents", summary: "Save the incident's postmortem", description: save, params: incidentId, body: savePostmortemSchema, response: { schema: postmortemView }, errors: [412] }),
  op({ method: "PATCH", path: `${I}/postmortem`, tag: "Incidents", summary: "Save the incident's postmortem (same as PUT)", description: save, params: incidentId, body: savePostmortemSchema, response: { schema: postmortemView }, errors: [412] }),
  op({ method: "GET", path: "/api/v1/postmortems/{id}", tag: "Incidents", summary: "A postmortem; {id}.md is the deterministic Markdown export", query: postmortemExportQuery, response: { schema: postmortemView, otherContentTypes: ["text/markdown"] } }),
  op({ method: "PUT", path: "/api/v1/postmortems/{id}", tag: "Incidents", summary: "Save a postmortem", description: save, body: savePostmortemSchema, response: { schema: postmortemView }, errors: [412] }),
  op({ method: "PATCH", path: "/api/v1/postmortems/{id}", tag: "Incidents", summary: "Save a postmortem (same as PUT)", description: save, body: savePostmortemSchema, response: { schema: postmortemView }, errors: [412] }),
  op({ method: "POST", path: "/api/v1/postmortems/{id}/review", tag: "Incidents", summary: "Review workflow: submit, approve, request_changes, withdraw, publish, amend", body: reviewActionSchema, response: { schema: postmortemView } }),
  op({ method: "GET", path: "/api/v1/postmortems/{id}/impact", tag: "Incidents", summary: "The latest SLO impact snapshots", response: { schema: impactListView } }),
  op({ method: "POST", path: "/api/v1/postmortems/{id}/impact", tag: "Incidents", summary: "Recompute the impact from Prometheus (409 once published)", response: { schema: impactRecomputeView }, errors: [503] }),
  op({ method: "GET", path: "/api/v1/action-items", tag: "Incidents", summary: "Action items", query: listActionItemsSchema, response: { schema: actionItemPageView } }),
  op({ method: "POST", path: "/api/v1/action-items", tag: "Incidents", summary: "Create an action item (under an incident or for a service)", body: createActionItemSchema, response: { status: 201, schema: actionItemView } }),
  op({ method: "GET", path: "/api/v1/action-items/{id}", tag: "Incidents", summary: "An action item", response: { schema: actionItemView } }),
  op({ method: "PATCH", path: "/api/v1/action-items/{id}", tag: "Incidents", summary: "Change an action item (requires version; wont_do needs wontDoReason)", body: updateActionItemSchema, response: { schema: actionItemView } }),
  op({ method: "DELETE", path: "/api/v1/action-items/{id}", tag: "Incidents", summary: "Delete an action item", response: { schema: deletedView } }),
];
