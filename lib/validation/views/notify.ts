import { z } from "zod";
import { CONTACT_KINDS } from "../notify";
import { instant } from "./common";

// What the notification API answers (wire format): contact methods, their test and verification
// messages, notification rules, the admin's e-mail settings and one-time page action links.

const nullableInstant = () => instant().nullable();

/** Never the sealed target or secret, nor the code hash: the owner sees the label and the state. */
export const contactMethodView = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  targetLabel: z.string().describe("the e-mail address, or the URL's scheme and host (its path may carry a token)"),
  teamId: z.string().nullable(),
  userId: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: nullableInstant(),
  codePending: z.boolean(),
  codeExpiresAt: nullableInstant(),
  disabledAt: nullableInstant(),
  disabledReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant(),
});
export type ContactMethodView = z.infer<typeof contactMethodView>;
export const contactMethodListView = z.object({ items: z.array(contactMethodView) });

export const createdContactMethodView = contactMethodView.extend({
  signingSecret: z
    .string()
    .optional()
    .describe("webhooks only, in this answer only: the HMAC key of X-SRECP-Signature"),
});
export type CreatedContactMethodView = z.infer<typeof createdContactMethodView>;

export const deletedContactMethodView = z.object({
  id: z.string(),
  deleted: z.literal(true),
  cancelled: z.number().int().describe("messages still queued for it, now cancelled"),
});
export type DeletedContactMethodView = z.infer<typeof deletedContactMethodView>;

export const queuedTestView = z.object({ notificationId: z.string(), dueAt: instant() });
export type QueuedTestView = z.infer<typeof queuedTestView>;

export const notificationRulesView = z.object({
  rules: z.array(z.object({ id: z.string(), contactMethodId: z.string(), delayMinutes: z.number().int() })),
  shiftReminderMinutes: z.number().int(),
  effective: z
    .array(z.object({ contactMethodId: z.string(), name: z.string(), delayMinutes: z.number().int() }))
    .describe("what a page would do now: verified, enabled methods only; no rule = every one at 0"),
  reachable: z.boolean(),
  onCallSchedules: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe("schedules whose rotation (now or later) includes you"),
  warning: z.string().nullable().describe("set when you are in a rotation but no page can reach you"),
});
export type NotificationRulesView = z.infer<typeof notificationRulesView>;

export const emailStatusView = z.object({
  configured: z.boolean().describe("SMTP_URL is set"),
  host: z.string().optional(),
  port: z.number().int().optional(),
  secure: z.boolean().optional(),
  user: z.string().nullable().optional(),
  passwordSet: z.boolean().optional().describe("the password itself is never shown"),
  from: z.string().optional(),
  testRecipient: z.string().describe("your account's address"),
  lastTest: z
    .object({
      id: z.string(),
      status: z.string().describe("pending, sending, sent, failed or cancelled"),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: nullableInstant(),
      createdAt: instant(),
    })
    .nullable(),
});
export type EmailStatusView = z.infer<typeof emailStatusView>;

export const queuedTestEmailView = z.object({
  notificationId: z.string(),
  to: z.string(),
  contactMethodId: z.string(),
  dueAt: instant(),
});
export type QueuedTestEmailView = z.infer<typeof queuedTestEmailView>;

export const LINK_ACTIONS = ["acknowledge", "resolve", "escalate"] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

/** A one-time action link from a message: what it would do, what it did, or why it does nothing. */
export const linkView = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("ready"),
    action: z.enum(LINK_ACTIONS),
    pageTitle: z.string(),
    pageStatus: z.string(),
    userName: z.string(),
  }),
  z.object({ state: z.literal("done"), message: z.string() }),
  z.object({ state: z.enum(["invalid", "expired", "used"]), message: z.string() }),
]);
export type LinkView = z.infer<typeof linkView>;
