import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createTimelineEntry, listTimeline } from "@/lib/services/incidents/timeline";
import { createTimelineEntrySchema } from "@/lib/validation/incidents";
import { timelineQuerySchema } from "@/lib/validation/queries";

// GET /api/v1/incidents/{id}/timeline?starred=true – entries in order; POST {at?, kind, text, starred?} – add (backdatable).
const route = "/api/v1/incidents/[id]/timeline";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listTimeline(actor, params.id!, { starredOnly: parseQuery(req, timelineQuerySchema).starred === "true" }),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createTimelineEntry(actor, params.id!, await parseBody(req, createTimelineEntrySchema))),
);
