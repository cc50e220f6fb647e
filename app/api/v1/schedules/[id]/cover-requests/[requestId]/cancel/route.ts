import { apiRoute } from "@/lib/http/api-route";
import { cancelCoverRequest } from "@/lib/services/oncall/cover-requests";

// POST – withdraw an open cover request (the requester or an editor of the team).
export const POST = apiRoute("/api/v1/schedules/[id]/cover-requests/[requestId]/cancel", async ({ params, actor }) =>
  cancelCoverRequest(actor, params.id!, params.requestId!),
);
