import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { listRunbookVersions } from "@/lib/services/runbooks/read";
import { runbookQuerySchema } from "@/lib/validation/runbooks";

// GET /api/v1/slos/{id}/runbook/versions?tier= – every version of a runbook, newest first, with author and time.
export const GET = apiRoute("/api/v1/slos/[id]/runbook/versions", async ({ req, params, actor }) => {
  const q = parseQuery(req, runbookQuerySchema);
  return listRunbookVersions(actor, params.id!, q.tier ?? null);
});
