import { z } from "zod";
import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewSloVersion } from "@/lib/services/slo/sign-off";

// POST /api/v1/slos/{id}/versions/{number}/reject – an approver rejects a pending version (comment required).
const body = z.object({ comment: z.string().trim().min(1, "is required when rejecting").max(2000) });
export const POST = apiRoute("/api/v1/slos/[id]/versions/[number]/reject", async ({ req, params, actor }) =>
  reviewSloVersion(actor, params.id!, Number(params.number), { approve: false, comment: (await parseBody(req, body)).comment }),
);
