import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { postmortemMarkdown } from "@/lib/services/incidents/export";
import { getPostmortem } from "@/lib/services/incidents/postmortem-read";
import { postmortemExportQuerySchema } from "@/lib/validation/queries";
import { saveResponse, withEtag } from "../_http";

// GET /api/v1/postmortems/{id} – the document (ETag = version); GET /api/v1/postmortems/{id}.md – the
// deterministic Markdown export (?revision=N: a published revision; ?download=1: as an attachment).
// PUT/PATCH – save sections/reviewers based on a version (body or If-Match); stale → 409/412 + current.
const route = "/api/v1/postmortems/[id]";

export const GET = apiRoute(route, async ({ req, params, actor }) => {
  const id = params.id!;
  if (!id.endsWith(".md")) return withEtag(await getPostmortem(actor, { id }));
  const q = parseQuery(req, postmortemExportQuerySchema);
  const { markdown, filename } = await postmortemMarkdown(actor, { id: id.slice(0, -3) }, { revision: q.revision });
  const attachment = q.download === "1" || q.download === "true";
  return new Response(markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `${attachment ? "attachment" : "inline"}; filename="${filename}"`,
    },
  });
});
export const PUT = apiRoute(route, async ({ req, params, actor }) => saveResponse(req, actor, { id: params.id! }));
export const PATCH = PUT;
