import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteTimelineEntry, updateTimelineEntry } from "@/lib/services/incidents/timeline";
import { updateTimelineEntrySchema } from "@/lib/validation/incidents";

// PATCH /api/v1/incidents/{id}/timeline/{entryId} {at?, kind?, text?, starred?, version?}; DELETE.
const route = "/api/v1/incidents/[id]/timeline/[entryId]";
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateTimelineEntry(actor, params.id!, params.entryId!, await parseBody(req, updateTimelineEntrySchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) =>
  deleteTimelineEntry(actor, params.id!, params.entryId!),
);
