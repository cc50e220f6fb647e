import { z } from "zod";
import { passwordSchema, roleSchema } from "@/lib/validation/users";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { CliError, required } from "./args";
import { ensureEmbeddedDbMigrated } from "./db";

type Flags = Record<string, string | true>;
type Command = (args: { flags: Flags; root: string }) => Promise<number | void>;

/**
 * Account recovery and offboarding from the shell (an admin locked out, a leaver at night). Each
 * of these ends the user's sessions; deactivation also revokes their API tokens.
 */
export const USERS_USAGE = `
  srecp users set-password --email E --password P   new password; ends the user's sessions
  srecp users set-role --email E --role R           new role; ends the user's sessions
  srecp users deactivate --email E                  offboarding: no sign-in, sessions ended, tokens revoked
  srecp users reactivate --email E                  undo a deactivation (revoked tokens stay revoked)`;

async function userId(flags: Flags, root: string): Promise<string> {
  await ensureEmbeddedDbMigrated(root);
  const { getDb } = await import("@/lib/db");
  const email = required(flags, "email").toLowerCase();
  const user = await (await getDb()).user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new CliError(`no user with email ${email}`);
  return user.id;
}

export const USERS_COMMANDS: Record<string, Command> = {
  "users set-password": async ({ flags, root }) => {
    // A ZodError here is printed by cli/main.ts as "--password <what is wrong>".
    const { password } = z.object({ password: passwordSchema }).parse({ password: required(flags, "password") });
    const { setUserPassword } = await import("@/lib/services/user-lifecycle");
    const user = await setUserPassword(SYSTEM_ACTOR, await userId(flags, root), password);
    console.log(`password of ${user.email} changed; their sessions ended`);
  },
  "users set-role": async ({ flags, root }) => {
    const { role } = z.object({ role: roleSchema }).parse({ role: required(flags, "role") });
    const { changeUserRole } = await import("@/lib/services/user-lifecycle");
    const user = await changeUserRole(SYSTEM_ACTOR, await userId(flags, root), role);
    console.log(`${user.email} is now ${user.role}`);
  },
  "users deactivate": async ({ flags, root }) => {
    const { deactivateUser } = await import("@/lib/services/user-lifecycle");
    const user = await deactivateUser(SYSTEM_ACTOR, await userId(flags, root));
    console.log(`deactivated ${user.email}: sessions ended, API tokens revoked`);
  },
  "users reactivate": async ({ flags, root }) => {
    const { reactivateUser } = await import("@/lib/services/user-lifecycle");
    const user = await reactivateUser(SYSTEM_ACTOR, await userId(flags, root));
    console.log(`reactivated ${user.email}`);
  },
};
