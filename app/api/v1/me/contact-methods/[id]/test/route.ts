import { apiRoute } from "@/lib/http/api-route";
import { sendTestNotification } from "@/lib/services/notify/verification";

// POST /api/v1/me/contact-methods/{id}/test – queue a test notification to a verified method.
export const POST = apiRoute("/api/v1/me/contact-methods/[id]/test", async ({ params, actor }) =>
  Response.json(await sendTestNotification(actor, params.id!), { status: 202 }),
);
