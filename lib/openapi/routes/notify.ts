import {
  contactMethodListQuery,
  createContactMethodSchema,
  notificationRulesSchema,
  updateContactMethodSchema,
  verifyCodeSchema,
} from "@/lib/validation/notify";
import {
  contactMethodListView,
  contactMethodView,
  createdContactMethodView,
  deletedContactMethodView,
  emailStatusView,
  notificationRulesView,
  queuedTestEmailView,
  queuedTestView,
} from "@/lib/validation/views/notify";
import { operationsOf, type Operation } from "../registry";

// Contact methods, verification and notification rules of the signed-in user; e-mail settings (admin).
// See docs/notifications.md.

const notify = operationsOf("Notifications");
const onMethod = operationsOf("Notifications", { params: { id: "the contact method's id" } });
const M = "/api/v1/me/contact-methods";

export const notifyRoutes: Operation[] = [
  notify("GET", M, "Your contact methods (admins: a team's channels with ?teamId=)", {
    query: contactMethodListQuery,
    response: { schema: contactMethodListView },
  }),
  notify("POST", M, "Add a contact method; a 6-digit verification code is sent to it", {
    description:
      "Kinds: email, slack (also Mattermost, Rocket.Chat), teams, webhook. The target is sealed at rest. Invalid e-mail, a non-http(s) URL, or a URL whose host resolves to a loopback, private, link-local or metadata address answers 422 on `target` (private ranges can be allowed by the operator: SRECP_DATASOURCE_ALLOW_PRIVATE). `teamId` (admins) makes it a team channel for escalation fallbacks.",
    body: createContactMethodSchema,
    response: { status: 201, schema: createdContactMethodView },
  }),
  onMethod("PATCH", `${M}/{id}`, "Rename a contact method or change its target (then it needs verifying again)", {
    description: "Send `version`: a stale one answers 409.",
    body: updateContactMethodSchema,
    response: { schema: contactMethodView },
  }),
  onMethod("DELETE", `${M}/{id}`, "Delete a contact method; messages still queued for it are cancelled", {
    response: { schema: deletedContactMethodView },
  }),
  onMethod("POST", `${M}/{id}/verify`, "Enter the verification code", {
    description: "422 on `code` when wrong (5 tries per code), expired (15 min) or none is pending.",
    body: verifyCodeSchema,
    response: { schema: contactMethodView },
  }),
  onMethod("POST", `${M}/{id}/send-code`, "Send a new verification code (the previous one stops working)", {
    description: "At most 6 codes per method per hour (429).",
    response: { schema: contactMethodView },
    errors: [429],
  }),
  onMethod("POST", `${M}/{id}/test`, "Send a test notification to a verified method", {
    response: { status: 202, schema: queuedTestView },
    errors: [429],
  }),
  notify(
    "GET",
    "/api/v1/me/notification-rules",
    "Your notification rules, shift reminder lead time and what a page would do now",
    { response: { schema: notificationRulesView } },
  ),
  notify(
    "PUT",
    "/api/v1/me/notification-rules",
    'Replace your notification rules ("method M, N minutes after I am paged")',
    {
      description: "No rules = every verified method at 0 minutes. `shiftReminderMinutes`: 0 = no reminder.",
      body: notificationRulesSchema,
      response: { schema: notificationRulesView },
    },
  ),
  notify(
    "GET",
    "/api/v1/admin/email",
    "Whether outgoing e-mail is configured: host, port, user, from (never the password); the last test (admin)",
    { response: { schema: emailStatusView } },
  ),
  notify("POST", "/api/v1/admin/email/test", "Send a test e-mail to your own account address (admin)", {
    response: { status: 202, schema: queuedTestEmailView },
    errors: [429],
  }),
];
