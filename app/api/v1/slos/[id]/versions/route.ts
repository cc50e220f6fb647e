import { apiRoute } from "@/lib/http/api-route";
import { listSloVersions } from "@/lib/services/slo/read-slos";

// GET /api/v1/slos/{id}/versions – immutable versions of the SLI, objective and window, newest first.
export const GET = apiRoute("/api/v1/slos/[id]/versions", async ({ params, actor }) =>
  listSloVersions(actor, params.id!),
);
