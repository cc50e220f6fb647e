import { z } from "zod";
import { apiRoute, parseBody } from "@/lib/http/api-route";
import { reviewSloVersion } from "@/lib/services/slo/sign-off";

// POST /api/v1/slos/{id}/versions/{number}/approve – an approver signs off a pending version.
const body = z.object({ comment: z.string().max(2000).default("") });
export const POST = apiRoute("/api/v1/slos/[id]/versions/[number]/approve", async ({ req, params, actor }) =>
  reviewSloVersion(actor, params.id!, Number(params.number), { approve: true, comment: (await parseBody(req, body)).comment }),
);
