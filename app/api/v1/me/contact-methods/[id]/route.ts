import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteContactMethod, updateContactMethod } from "@/lib/services/notify/contact-methods";
import { updateContactMethodSchema } from "@/lib/validation/notify";

// PATCH /api/v1/me/contact-methods/{id} – rename or retarget (needs verifying again); `version` → 409 when stale.
// DELETE – remove it; messages still queued for it are cancelled.
export const PATCH = apiRoute("/api/v1/me/contact-methods/[id]", async ({ req, params, actor }) =>
  updateContactMethod(actor, params.id!, await parseBody(req, updateContactMethodSchema)),
);
export const DELETE = apiRoute("/api/v1/me/contact-methods/[id]", async ({ params, actor }) =>
  deleteContactMethod(actor, params.id!),
);
