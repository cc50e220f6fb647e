import { apiRoute, parseBody } from "@/lib/http/api-route";
import { verifyContactMethod } from "@/lib/services/notify/verification";
import { verifyCodeSchema } from "@/lib/validation/notify";

// POST /api/v1/me/contact-methods/{id}/verify – {code}: the 6 digits sent to the method.
export const POST = apiRoute("/api/v1/me/contact-methods/[id]/verify", async ({ req, params, actor }) =>
  verifyContactMethod(actor, params.id!, (await parseBody(req, verifyCodeSchema)).code),
);
