import { apiRoute } from "@/lib/http/api-route";
import { acceptCoverRequest } from "@/lib/services/oncall/cover-requests";

// POST – take the cover: creates a replace override requester → you.
export const POST = apiRoute("/api/v1/schedules/[id]/cover-requests/[requestId]/accept", async ({ params, actor }) =>
  acceptCoverRequest(actor, params.id!, params.requestId!),
);
