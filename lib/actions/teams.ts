"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sessionActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { setMembership } from "@/lib/services/teams";
import { echoValues, type FormState } from "./form-state";
import { toFormState } from "./errors";

const membershipSchema = z.object({
  team: z.string().min(1),
  email: z.email("must be an email address"),
  member: z.enum(["add", "remove"]),
});

/** Admin: add a user to a team or remove them (form fields: team, email, member=add|remove). */
export async function membershipAction(_prev: FormState, data: FormData): Promise<FormState> {
  const values = echoValues(data);
  try {
    const actor = await sessionActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has expired; sign in again");
    const input = membershipSchema.parse({
      team: data.get("team"),
      email: data.get("email"),
      member: data.get("member"),
    });
    const res = await setMembership(actor, input.team, input.email, input.member === "add");
    revalidatePath(`/teams/${input.team}`);
    return { status: "ok", message: res.member ? `Added ${res.email}.` : `Removed ${res.email}.` };
  } catch (err) {
    return toFormState(err, values);
  }
}
