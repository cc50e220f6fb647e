import { apiRoute, created, parseBody } from "@/lib/http/api-route";
import { createApiToken, listApiTokens } from "@/lib/services/tokens";
import { createTokenSchema } from "@/lib/validation/users";

// GET /api/v1/tokens – my tokens (admins: all); POST – create one (the token is in the response once).
export const GET = apiRoute("/api/v1/tokens", async ({ actor }) => ({ items: await listApiTokens(actor) }));
export const POST = apiRoute("/api/v1/tokens", async ({ req, actor }) =>
  created(await createApiToken(actor, await parseBody(req, createTokenSchema))),
);
