import { apiRoute, created, parseBody } from "@/lib/http/api-route";
import { escalatePage } from "@/lib/services/incidents/from-page";
import { escalatePageSchema } from "@/lib/validation/incidents";

// POST /api/v1/incidents/from-page/{pageId} {severity?, title?, services?, commander?} – escalate an on-call
// page into an incident (copies its service, adds a `page` timeline entry, links the page). Body optional.
export const POST = apiRoute("/api/v1/incidents/from-page/[pageId]", async ({ req, params, actor }) => {
  const body =
    req.headers.get("content-length") === "0" || !req.body
      ? escalatePageSchema.parse({})
      : await parseBody(req, escalatePageSchema);
  return created(await escalatePage(actor, params.pageId!, body));
});
