import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewSloVersion } from "@/lib/services/slo/sign-off";
import { approveVersionSchema, versionNumberParamSchema } from "@/lib/validation/queries";

// POST /api/v1/slos/{id}/versions/{number}/approve – an approver signs off a pending version.
export const POST = apiRoute("/api/v1/slos/[id]/versions/[number]/approve", async ({ req, params, actor }) =>
  reviewSloVersion(actor, params.id!, versionNumberParamSchema.parse(params).number, {
    approve: true,
    comment: (await parseBody(req, approveVersionSchema)).comment,
  }),
);
