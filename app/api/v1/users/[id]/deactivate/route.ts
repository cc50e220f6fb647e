import { apiRoute } from "@/lib/http/api-route";
import { deactivateUser } from "@/lib/services/user-lifecycle";

// POST /api/v1/users/{id}/deactivate – offboarding (admin): no sign-in, sessions ended, tokens revoked.
export const POST = apiRoute("/api/v1/users/[id]/deactivate", async ({ params, actor }) =>
  deactivateUser(actor, params.id!),
);
