"use server";
import { redirect } from "next/navigation";
import { setupFirstAdmin } from "@/lib/services/users";
import { setupSchema } from "@/lib/validation/users";
import { echoValues, type FormState } from "./form-state";
import { toFormState } from "./errors";

/**
 * First-run setup: creates the first admin, then sends the browser to /login with a notice.
 * setupFirstAdmin itself refuses once any user exists, so a replayed form cannot add a second admin.
 */
export async function setupAction(_prev: FormState, data: FormData): Promise<FormState> {
  const values = echoValues(data);
  try {
    const input = setupSchema.parse({
      name: data.get("name"),
      email: data.get("email"),
      password: data.get("password"),
    });
    await setupFirstAdmin(input);
  } catch (err) {
    return toFormState(err, values);
  }
  redirect("/login?notice=setup-done");
}
