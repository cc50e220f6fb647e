"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { changeUserRole, deactivateUser, reactivateUser } from "@/lib/services/user-lifecycle";
import { createUser } from "@/lib/services/users";
import { createUserSchema, updateUserSchema } from "@/lib/validation/users";
import { echoValues, type FormState } from "./form-state";
import { toFormState } from "./errors";

/** Admin: create a user. An empty password means "signs in through SSO only". */
export async function createUserAction(_prev: FormState, data: FormData): Promise<FormState> {
  const values = echoValues(data);
  try {
    const actor = await sessionActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has expired; sign in again");
    const password = String(data.get("password") ?? "");
    const input = createUserSchema.parse({
      email: data.get("email"),
      name: data.get("name"),
      role: data.get("role") || undefined,
      password: password || undefined,
      teams: data.getAll("teams").map(String),
    });
    const user = await createUser(actor, input);
    revalidatePath("/admin");
    return { status: "ok", message: `Created ${user.email} (${user.role}).` };
  } catch (err) {
    return toFormState(err, values);
  }
}

async function requireSession() {
  const actor = await sessionActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has expired; sign in again");
  return actor;
}

/** Admin: deactivate (offboarding) or reactivate a user. `active` is "true" to reactivate. */
export async function setUserActiveAction(_prev: FormState, data: FormData): Promise<FormState> {
  try {
    const actor = await requireSession();
    const id = String(data.get("userId") ?? "");
    const user = data.get("active") === "true" ? await reactivateUser(actor, id) : await deactivateUser(actor, id);
    revalidatePath("/admin");
    return {
      status: "ok",
      message: user.deactivatedAt
        ? `Deactivated ${user.email}: sessions ended, tokens revoked.`
        : `Reactivated ${user.email}.`,
    };
  } catch (err) {
    return toFormState(err);
  }
}

/** Admin: change a user's role; the user's sessions end so the new role applies at their next sign-in. */
export async function changeUserRoleAction(_prev: FormState, data: FormData): Promise<FormState> {
  try {
    const actor = await requireSession();
    const { role } = updateUserSchema.parse({ role: data.get("role") });
    const user = await changeUserRole(actor, String(data.get("userId") ?? ""), role);
    revalidatePath("/admin");
    return { status: "ok", message: `${user.email} is now ${user.role}.` };
  } catch (err) {
    return toFormState(err);
  }
}
