import { apiRoute, parseBody } from "@/lib/http/api-route";
import { getNotificationRules, setNotificationRules } from "@/lib/services/notify/rules";
import { notificationRulesSchema } from "@/lib/validation/notify";

// GET /api/v1/me/notification-rules – my rules, shift reminder lead time and what a page would do now.
// PUT – replace the rules (and optionally shiftReminderMinutes).
export const GET = apiRoute("/api/v1/me/notification-rules", async ({ actor }) => getNotificationRules(actor));
export const PUT = apiRoute("/api/v1/me/notification-rules", async ({ req, actor }) =>
  setNotificationRules(actor, await parseBody(req, notificationRulesSchema)),
);
