import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewCorrection } from "@/lib/services/slo/correction-review";
import { reviewCorrectionSchema } from "@/lib/validation/corrections";

// POST /api/v1/slos/{id}/corrections/{correctionId}/approve – an approver other than the author signs it off.
export const POST = apiRoute("/api/v1/slos/[id]/corrections/[correctionId]/approve", async ({ req, params, actor }) => {
  const body = await parseBody(req, reviewCorrectionSchema);
  return reviewCorrection(actor, params.id!, params.correctionId!, {
    approve: true,
    version: body.version,
    comment: body.comment,
  });
});
