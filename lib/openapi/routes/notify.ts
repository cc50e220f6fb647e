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
import { op, type Operation } from "../registry";

// Contact methods, verification and notification rules of the signed-in user; e-mail settings (admin).
// See docs/notifications.md.

const M = "/api/v1/me/contact-methods";
const ID = { id: "the contact method's id" };

export const notifyRoutes: Operation[] = [
  op({
    method: "GET",
    path: M,
    tag: "Notifications",
    summary: "Your contact methods (admins: a team's channels with ?teamId=)",
    query: contactMethodListQuery,
    response: { schema: contactMethodListView },
  }),
  op({
    method: "POST",
    path: M,
    tag: "Notifications",
    summary: "Add a contact method; a 6-digit verification code is sent to it",
    description:
      "Kinds: email, slack (also Mattermost, Rocket.Chat), teams, webhook. The target is sealed at rest. Invalid e-mail, a non-http(s) URL, or a URL whose host resolves to a loopback, private, link-local or metadata address answers 422 on `target` (private ranges can be allowed by the operator: SRECP_DATASOURCE_ALLOW_PRIVATE). `teamId` (admins) makes it a team channel for escalation fallbacks.",
    body: createContactMethodSchema,
    response: { status: 201, schema: createdContactMethodView },
  }),
  op({
    method: "PATCH",
    path: `${M}/{id}`,
    tag: "Notifications",
    summary: "Rename a contact method or change its target (then it needs verifying again)",
    description: "Send `version`: a stale one answers 409.",
    params: ID,
    body: updateContactMethodSchema,
    response: { schema: contactMethodView },
  }),
  op({
    method: "DELETE",
    path: `${M}/{id}`,
    tag: "Notifications",
    summary: "Delete a contact method; messages still queued for it are cancelled",
    params: ID,
    response: { schema: deletedContactMethodView },
  }),
  op({
    method: "POST",
    path: `${M}/{id}/verify`,
    tag: "Notifications",
    summary: "Enter the verification code",
    description: "422 on `code` when wrong (5 tries per code), expired (15 min) or none is pending.",
    params: ID,
    body: verifyCodeSchema,
    response: { schema: contactMethodView },
  }),
  op({
    method: "POST",
    path: `${M}/{id}/send-code`,
    tag: "Notifications",
    summary: "Send a new verification code (the previous one stops working)",
    description: "At most 6 codes per method per hour (429).",
    params: ID,
    response: { schema: contactMethodView },
    errors: [429],
  }),
  op({
    method: "POST",
    path: `${M}/{id}/test`,
    tag: "Notifications",
    summary: "Send a test notification to a verified method",
    params: ID,
    response: { status: 202, schema: queuedTestView },
    errors: [429],
  }),
  op({
    method: "GET",
    path: "/api/v1/me/notification-rules",
    tag: "Notifications",
    summary: "Your notification rules, shift reminder lead time and what a page would do now",
    response: { schema: notificationRulesView },
  }),
  op({
    method: "PUT",
    path: "/api/v1/me/notification-rules",
    tag: "Notifications",
    summary: 'Replace your notification rules ("method M, N minutes after I am paged")',
    description: "No rules = every verified method at 0 minutes. `shiftReminderMinutes`: 0 = no reminder.",
    body: notificationRulesSchema,
    response: { schema: notificationRulesView },
  }),
  op({
    method: "GET",
    path: "/api/v1/admin/email",
    tag: "Notifications",
    summary:
      "Whether outgoing e-mail is configured: host, port, user, from (never the password); the last test (admin)",
    response: { schema: emailStatusView },
  }),
  op({
    method: "POST",
    path: "/api/v1/admin/email/test",
    tag: "Notifications",
    summary: "Send a test e-mail to your own account address (admin)",
    response: { status: 202, schema: queuedTestEmailView },
    errors: [429],
  }),
];
