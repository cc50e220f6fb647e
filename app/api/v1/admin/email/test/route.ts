import { apiRoute } from "@/lib/http/api-route";
import { sendTestEmail } from "@/lib/services/notify/email-admin";

// POST /api/v1/admin/email/test – queue a test e-mail to the signed-in admin's address (admin).
export const POST = apiRoute("/api/v1/admin/email/test", async ({ actor }) =>
  Response.json(await sendTestEmail(actor), { status: 202 }),
);
