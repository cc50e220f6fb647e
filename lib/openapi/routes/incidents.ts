import {
  assignRoleSchema,
  changeStatusSchema,
  createActionItemSchema,
  createIncidentSchema,
  createTimelineEntrySchema,
  escalatePageSchema,
  listActionItemsSchema,
  listIncidentsSchema,
  reviewActionSchema,
  savePostmortemSchema,
  updateActionItemSchema,
  updateIncidentSchema,
  updateTimelineEntrySchema,
} from "@/lib/validation/incidents";
import { operationsOf, type Operation } from "../registry";
import { postmortemExportQuery, timelineQuery } from "../schemas";
import {
  actionItemPageView,
  actionItemView,
  deletedView,
  incidentBudgetView,
  incidentPageView,
  incidentView,
  peopleView,
  timelineEntryView,
  timelineView,
} from "@/lib/validation/views/incidents";
import { impactListView, impactRecomputeView, postmortemView } from "@/lib/validation/views/postmortems";

const incident = operationsOf("Incidents");
const onIncident = operationsOf("Incidents", { params: { id: "incident id, number or INC-n" } });
const I = "/api/v1/incidents/{id}";
const save =
  "Save based on a version (body `version` or `If-Match`); stale → 409 (412 with If-Match) with the current document in `error.current`.";
/** Saving a postmortem: PUT, and PATCH doing the same. */
const savePostmortem = (build: typeof incident, path: string, summary: string) =>
  (["PUT", "PATCH"] as const).map((method) =>
    build(method, path, method === "PUT" ? summary : `${summary} (same as PUT)`, {
      description: save,
      body: savePostmortemSchema,
      response: { schema: postmortemView },
      errors: [412],
    }),
  );
export const incidentRoutes: Operation[] = [
  incident("GET", "/api/v1/incidents", "Incidents", {
    query: listIncidentsSchema,
    response: { schema: incidentPageView },
  }),
  incident("POST", "/api/v1/incidents", "Declare an incident", {
    body: createIncidentSchema,
    response: { status: 201, schema: incidentView },
  }),
  incident("POST", "/api/v1/incidents/from-page/{pageId}", "Escalate an on-call page into an incident", {
    body: escalatePageSchema,
    bodyOptional: true,
    response: { status: 201, schema: incidentView },
  }),
  onIncident("GET", I, "An incident", { response: { schema: incidentView } }),
  onIncident("PATCH", I, "Change an incident (requires version)", {
    body: updateIncidentSchema,
    response: { schema: incidentView },
  }),
  onIncident("DELETE", I, "Delete an incident", { response: { schema: deletedView } }),
  onIncident(
    "GET",
    `${I}/budget`,
    "What the incident spent of each affected SLO's budget, and the budget-policy trigger",
    {
      description:
        "Exact counts over the impact window ÷ allowed bad events of the SLO window ending at the impact's end. Above the policy's `postmortemAbove` (default 20 %) the postmortem is required with a P0/P1 action item; the trigger is stored on the postmortem (frozen once published).",
      response: { schema: incidentBudgetView },
      errors: [503],
    },
  ),
  onIncident("POST", `${I}/status`, "Lifecycle transition (reopen = investigating)", {
    body: changeStatusSchema,
    response: { schema: incidentView },
  }),
  onIncident("POST", `${I}/roles`, "Assign a role", { body: assignRoleSchema, response: { schema: incidentView } }),
  onIncident("DELETE", `${I}/roles`, "Unassign a role", {
    query: assignRoleSchema,
    response: { schema: incidentView },
  }),
  onIncident("GET", `${I}/people`, "Candidates for roles and action-item owners", { response: { schema: peopleView } }),
  onIncident("GET", `${I}/timeline`, "Timeline entries in order", {
    query: timelineQuery,
    response: { schema: timelineView },
  }),
  onIncident("POST", `${I}/timeline`, "Add a timeline entry (backdatable)", {
    body: createTimelineEntrySchema,
    response: { status: 201, schema: timelineEntryView },
  }),
  onIncident("PATCH", `${I}/timeline/{entryId}`, "Change a timeline entry", {
    body: updateTimelineEntrySchema,
    response: { schema: timelineEntryView },
  }),
  onIncident("DELETE", `${I}/timeline/{entryId}`, "Delete a timeline entry", { response: { schema: deletedView } }),
  onIncident("GET", `${I}/action-items`, "The incident's action items", {
    query: listActionItemsSchema,
    response: { schema: actionItemPageView },
  }),
  onIncident("POST", `${I}/action-items`, "Add an action item to the incident", {
    body: createActionItemSchema,
    response: { status: 201, schema: actionItemView },
  }),
  onIncident("GET", `${I}/postmortem`, "The incident's postmortem (ETag = version)", {
    response: { schema: postmortemView },
  }),
  ...savePostmortem(onIncident, `${I}/postmortem`, "Save the incident's postmortem"),
  incident("GET", "/api/v1/postmortems/{id}", "A postmortem; {id}.md is the deterministic Markdown export", {
    query: postmortemExportQuery,
    response: { schema: postmortemView, otherContentTypes: ["text/markdown"] },
  }),
  ...savePostmortem(incident, "/api/v1/postmortems/{id}", "Save a postmortem"),
  incident(
    "POST",
    "/api/v1/postmortems/{id}/review",
    "Review workflow: submit, approve, request_changes, withdraw, publish, amend",
    { body: reviewActionSchema, response: { schema: postmortemView } },
  ),
  incident("GET", "/api/v1/postmortems/{id}/impact", "The latest SLO impact snapshots", {
    response: { schema: impactListView },
  }),
  incident("POST", "/api/v1/postmortems/{id}/impact", "Recompute the impact from Prometheus (409 once published)", {
    response: { schema: impactRecomputeView },
    errors: [503],
  }),
  incident("GET", "/api/v1/action-items", "Action items", {
    query: listActionItemsSchema,
    response: { schema: actionItemPageView },
  }),
  incident("POST", "/api/v1/action-items", "Create an action item (under an incident or for a service)", {
    body: createActionItemSchema,
    response: { status: 201, schema: actionItemView },
  }),
  incident("GET", "/api/v1/action-items/{id}", "An action item", { response: { schema: actionItemView } }),
  incident(
    "PATCH",
    "/api/v1/action-items/{id}",
    "Change an action item (requires version; wont_do needs wontDoReason)",
    { body: updateActionItemSchema, response: { schema: actionItemView } },
  ),
  incident("DELETE", "/api/v1/action-items/{id}", "Delete an action item", { response: { schema: deletedView } }),
];
