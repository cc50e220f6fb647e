import { apiRoute } from "@/lib/http/api-route";
import type { MeView } from "@/lib/validation/views/access";

// GET /api/v1/me – who the session or token belongs to.
export const GET = apiRoute("/api/v1/me", async ({ actor }): Promise<MeView> => ({
  id: actor.userId,
  email: actor.email,
  name: actor.name,
  role: actor.role,
  teamIds: actor.teamIds,
  tokenScopes: actor.tokenScopes,
}));
