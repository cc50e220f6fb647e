"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/services/users";
import { createUserSchema } from "@/lib/validation/users";
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
