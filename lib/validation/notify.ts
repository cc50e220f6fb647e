import { z } from "zod";
import { nameSchema, versionSchema } from "./common";

// Contact methods and notification rules (issue 13): shared by the profile form, the route handlers
// and the services. The target's format depends on the kind, so `targetProblem` judges it and the
// form and the service show the same words; the service adds the outbound address check (DNS).

export const CONTACT_KINDS = ["email", "slack", "teams", "webhook"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** What the form calls each kind and its target field. */
export const KIND_LABELS: Record<ContactKind, { kind: string; target: string }> = {
  email: { kind: "E-mail", target: "E-mail address" },
  slack: { kind: "Slack / Mattermost / Rocket.Chat incoming webhook", target: "Webhook URL" },
  teams: { kind: "Microsoft Teams incoming webhook", target: "Webhook URL" },
  webhook: { kind: "Generic signed webhook", target: "Webhook URL" },
};

const emailShape = z.email();

/** Why `target` is not a valid target for `kind` (in the form's words), or null. */
export function targetProblem(kind: ContactKind, target: string): string | null {
  const label = KIND_LABELS[kind].target;
  if (!target.trim()) return `${label} is required`;
  if (kind === "email")
    return emailShape.safeParse(target.trim()).success
      ? null
      : `${label} is not a valid e-mail address (e.g. dana@example.com)`;
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    return `${label} is not a URL (e.g. https://hooks.example.com/…)`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${label} must start with http:// or https://`;
  if (url.username || url.password) return `${label} must not carry a user name or password`;
  return null;
}

const kindSchema = z.enum(CONTACT_KINDS, { error: `must be one of ${CONTACT_KINDS.join(", ")}` });
const targetSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2000 characters");

export const createContactMethodSchema = z
  .object({
    kind: kindSchema,
    name: nameSchema,
    target: targetSchema,
    /** Admins only: a team channel (escalation fallback) instead of a method of their own. */
    teamId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type CreateContactMethodInput = z.infer<typeof createContactMethodSchema>;

/** A new target needs verifying again; `version` is the one the edit is based on (409 when stale). */
export const updateContactMethodSchema = z
  .object({ version: versionSchema, name: nameSchema.optional(), target: targetSchema.optional() })
  .strict();
export type UpdateContactMethodInput = z.infer<typeof updateContactMethodSchema>;

export const verifyCodeSchema = z
  .object({
    code: z
      .string({ error: "is required" })
      .trim()
      .regex(/^\d{6}$/, "must be the 6 digits from the message"),
  })
  .strict();

export const contactMethodListQuery = z.object({ teamId: z.string().trim().min(1).max(64).optional() });

/** Minutes after being paged; a day at most (escalation moves on long before). */
export const MAX_RULE_DELAY_MINUTES = 1440;
/** How long before a shift starts its reminder comes; 0 = no reminder; a week at most. */
export const MAX_SHIFT_REMINDER_MINUTES = 10_080;

export const notificationRulesSchema = z
  .object({
    rules: z
      .array(
        z
          .object({
            contactMethodId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
            delayMinutes: z
              .number({ error: "must be a number of minutes" })
              .int("must be whole minutes")
              .min(0, "must be 0 or more")
              .max(MAX_RULE_DELAY_MINUTES, `must be at most ${MAX_RULE_DELAY_MINUTES} (a day)`),
          })
          .strict(),
      )
      .max(50, "at most 50 rules"),
    shiftReminderMinutes: z
      .number({ error: "must be a number of minutes" })
      .int("must be whole minutes")
      .min(0, "must be 0 (off) or more")
      .max(MAX_SHIFT_REMINDER_MINUTES, `must be at most ${MAX_SHIFT_REMINDER_MINUTES} (a week)`)
      .optional(),
  })
  .strict();
export type NotificationRulesInput = z.infer<typeof notificationRulesSchema>;

/**
 * What a Notification row carries for rendering (its `payload` column): flat strings such as `by` (who
 * acted), `code` and `method` (verification), `text` and `note` (shift notices, disabled methods).
 */
export const notificationPayloadSchema = z.record(z.string(), z.string());
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;
