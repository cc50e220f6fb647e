import { apiRoute } from "@/lib/http/api-route";
import { revokeApiToken } from "@/lib/services/tokens";

// DELETE /api/v1/tokens/{id} – revoke.
export const DELETE = apiRoute("/api/v1/tokens/[id]", async ({ params, actor }) => revokeApiToken(actor, params.id!));
