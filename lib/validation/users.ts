import { z } from "zod";
import { nameSchema } from "./common";
import { TOKEN_SCOPE_VALUES } from "./deployments";

export const roleSchema = z.enum(["viewer", "editor", "approver", "admin"], {
  error: "must be viewer, editor, approver or admin",
});

export const passwordSchema = z.string().min(10, "must be at least 10 characters").max(200);

export const createUserSchema = z.object({
  email: z.email("must be an email address").transform((e) => e.toLowerCase()),
  name: nameSchema,
  role: roleSchema.default("viewer"),
  password: passwordSchema.optional(),
  teams: z.array(z.string()).default([]),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** PATCH /api/v1/users/{id}: an admin changes a user's role (ends the user's sessions). */
export const updateUserSchema = z.object({ role: roleSchema }).strict();

export const setupSchema = createUserSchema.omit({ role: true, teams: true }).extend({ password: passwordSchema });

export const createTokenSchema = z.object({
  name: nameSchema,
  // Empty = the owner's full permissions; only a session or an unscoped token may ask for that.
  scopes: z.array(z.enum(TOKEN_SCOPE_VALUES, { error: `must be one of ${TOKEN_SCOPE_VALUES.join(", ")}` })).default([]),
});
