import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewCorrection } from "@/lib/services/slo/correction-review";
import { rejectCorrectionSchema } from "@/lib/validation/corrections";

// POST /api/v1/slos/{id}/corrections/{correctionId}/reject – an approver other than the author rejects it, with a comment.
export const POST = apiRoute("/api/v1/slos/[id]/corrections/[correctionId]/reject", async ({ req, params, actor }) => {
  const body = await parseBody(req, rejectCorrectionSchema);
  return reviewCorrection(actor, params.id!, params.correctionId!, {
    approve: false,
    version: body.version,
    comment: body.comment,
  });
});
