import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewSloVersion } from "@/lib/services/slo/sign-off";
import { rejectVersionSchema, versionNumberParamSchema } from "@/lib/validation/queries";

// POST /api/v1/slos/{id}/versions/{number}/reject – an approver rejects a pending version (comment required).
export const POST = apiRoute("/api/v1/slos/[id]/versions/[number]/reject", async ({ req, params, actor }) =>
  reviewSloVersion(actor, params.id!, versionNumberParamSchema.parse(params).number, {
    approve: false,
    comment: (await parseBody(req, rejectVersionSchema)).comment,
  }),
);
