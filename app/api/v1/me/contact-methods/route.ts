import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createContactMethod, listContactMethods } from "@/lib/services/notify/contact-methods";
import { contactMethodListQuery, createContactMethodSchema } from "@/lib/validation/notify";

// GET /api/v1/me/contact-methods – my contact methods (admins: ?teamId= for a team's channels).
// POST – add one; a verification code is sent to it; a webhook's signing secret is in this answer only.
export const GET = apiRoute("/api/v1/me/contact-methods", async ({ req, actor }) => ({
  items: await listContactMethods(actor, parseQuery(req, contactMethodListQuery)),
}));
export const POST = apiRoute("/api/v1/me/contact-methods", async ({ req, actor }) =>
  created(await createContactMethod(actor, await parseBody(req, createContactMethodSchema))),
);
