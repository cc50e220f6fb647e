import { apiRoute } from "@/lib/http/api-route";
import { sendVerifyCode } from "@/lib/services/notify/verification";

// POST /api/v1/me/contact-methods/{id}/send-code – a new verification code (the previous one stops working).
export const POST = apiRoute("/api/v1/me/contact-methods/[id]/send-code", async ({ params, actor }) =>
  sendVerifyCode(actor, params.id!),
);
