import { parseBody } from "@/lib/http/api-route";
import type { Actor } from "@/lib/auth/permissions";
import { isPostmortemConflict, savePostmortem, versionFromIfMatch } from "@/lib/services/incidents/postmortem-save";
import type { PostmortemRef, PostmortemView } from "@/lib/services/incidents/postmortem-read";
import { savePostmortemSchema } from "@/lib/validation/incidents";

// Shared by /api/v1/postmortems/{id} and /api/v1/incidents/{id}/postmortem.

/** The document with its version as a strong ETag, so clients can send it back in If-Match. */
export const withEtag = (doc: PostmortemView) => Response.json(doc, { headers: { etag: `"${doc.version}"` } });

/**
 * PUT/PATCH: save based on a version (body `version` or `If-Match`). A stale save answers 409 (412 when
 * the version came as If-Match) with the current document in `error.current`, so the editor can show
 * both versions to merge; the request's own text is not stored.
 */
export async function saveResponse(req: Request, actor: Actor, ref: PostmortemRef): Promise<Response> {
  const ifMatch = versionFromIfMatch(req.headers.get("if-match"));
  const input = await parseBody(req, savePostmortemSchema);
  try {
    return withEtag(await savePostmortem(actor, ref, input, ifMatch));
  } catch (err) {
    if (!isPostmortemConflict(err)) throw err;
    return Response.json(
      { error: { code: err.code, message: err.message, fields: err.fields, current: err.current } },
      { status: err.viaIfMatch ? 412 : 409, headers: { etag: `"${err.current.version}"` } },
    );
  }
}
