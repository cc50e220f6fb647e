import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { deleteCorrection } from "@/lib/services/slo/correction-review";
import { deleteCorrectionQuerySchema } from "@/lib/validation/corrections";

// DELETE /api/v1/slos/{id}/corrections/{correctionId}[?version=N] – an approved one takes an approver.
export const DELETE = apiRoute("/api/v1/slos/[id]/corrections/[correctionId]", async ({ req, params, actor }) =>
  deleteCorrection(actor, params.id!, params.correctionId!, parseQuery(req, deleteCorrectionQuerySchema).version),
);
