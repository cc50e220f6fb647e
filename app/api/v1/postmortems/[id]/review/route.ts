import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewPostmortem } from "@/lib/services/incidents/postmortem-review";
import { reviewActionSchema } from "@/lib/validation/incidents";
import { withEtag } from "../../_http";

// POST /api/v1/postmortems/{id}/review {action: submit|approve|request_changes|withdraw|publish|amend, revision?, comment?, reviewers?}
export const POST = apiRoute("/api/v1/postmortems/[id]/review", async ({ req, params, actor }) =>
  withEtag(await reviewPostmortem(actor, { id: params.id! }, await parseBody(req, reviewActionSchema))),
);
