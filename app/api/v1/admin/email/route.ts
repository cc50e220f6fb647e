import { apiRoute } from "@/lib/http/api-route";
import { emailStatus } from "@/lib/services/notify/email-admin";

// GET /api/v1/admin/email – whether outgoing e-mail is configured (host, port, user; never the password) and the last test (admin).
export const GET = apiRoute("/api/v1/admin/email", async ({ actor }) => emailStatus(actor));
