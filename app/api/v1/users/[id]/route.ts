import { apiRoute, parseBody } from "@/lib/http/api-route";
import { changeUserRole } from "@/lib/services/user-lifecycle";
import { updateUserSchema } from "@/lib/validation/users";

// PATCH /api/v1/users/{id} – change a user's role (admin); ends that user's sessions.
export const PATCH = apiRoute("/api/v1/users/[id]", async ({ req, params, actor }) =>
  changeUserRole(actor, params.id!, (await parseBody(req, updateUserSchema)).role),
);
