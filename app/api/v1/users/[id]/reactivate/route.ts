import { apiRoute } from "@/lib/http/api-route";
import { reactivateUser } from "@/lib/services/user-lifecycle";

// POST /api/v1/users/{id}/reactivate – undo a deactivation (admin).
export const POST = apiRoute("/api/v1/users/[id]/reactivate", async ({ params, actor }) =>
  reactivateUser(actor, params.id!),
);
