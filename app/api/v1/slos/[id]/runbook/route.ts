import { apiRoute, parseBody, parseQuery } from "@/lib/http/api-route";
import { versionFromIfMatch } from "@/lib/services/incidents/postmortem-save";
import { getRunbook } from "@/lib/services/runbooks/read";
import { RunbookConflict, saveRunbook } from "@/lib/services/runbooks/save";
import { runbookQuerySchema, saveRunbookSchema } from "@/lib/validation/runbooks";
import type { RunbookView } from "@/lib/validation/views/runbooks";

// GET /api/v1/slos/{id}/runbook?tier= – the in-app Markdown runbook of a tier (absent: of all tiers), ETag = version.
// PUT – a new version based on the one read (body version or If-Match); stale → 409 (412 via If-Match) + current.
const route = "/api/v1/slos/[id]/runbook";
const withEtag = (v: RunbookView) => Response.json(v, { headers: { etag: `"${v.version}"` } });

export const GET = apiRoute(route, async ({ req, params, actor }) => {
  const q = parseQuery(req, runbookQuerySchema);
  return withEtag(await getRunbook(actor, params.id!, q.tier ?? null));
});

export const PUT = apiRoute(route, async ({ req, params, actor }) => {
  const ifMatch = versionFromIfMatch(req.headers.get("if-match"));
  const input = await parseBody(req, saveRunbookSchema);
  try {
    return withEtag(await saveRunbook(actor, params.id!, input, ifMatch));
  } catch (err) {
    if (!(err instanceof RunbookConflict)) throw err;
    return Response.json(
      { error: { code: err.code, message: err.message, fields: err.fields, current: err.current } },
      { status: err.viaIfMatch ? 412 : 409, headers: { etag: `"${err.current.version}"` } },
    );
  }
});
