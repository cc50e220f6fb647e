"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { toFormState } from "@/lib/actions/errors";
import { echoValues, type FormState } from "@/lib/actions/form-state";
import { createApiToken } from "@/lib/services/tokens";
import { listUsers } from "@/lib/services/users";
import { serviceTokenSchema } from "@/lib/validation/deployments";

export type ServiceTokenState = FormState & {
  token?: { name: string; owner: string; scopes: string[]; value: string };
};

/**
 * Admin: a narrow API token acting as another user (a CI bot), e.g. scopes gate + deployments for a
 * pipeline. The secret is returned once, in this answer, and never stored (only its hash). Audited by
 * createApiToken as token.create.
 */
export async function createServiceTokenAction(_prev: ServiceTokenState, data: FormData): Promise<ServiceTokenState> {
  const values = echoValues(data);
  try {
    const actor = await sessionActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has expired; sign in again");
    if (!isAdmin(actor)) throw new AppError("FORBIDDEN", "Only admins create service tokens");
    const input = serviceTokenSchema.parse({
      ownerId: data.get("ownerId") ?? "",
      name: data.get("name") ?? "",
      scopes: data.getAll("scopes").map(String),
    });
    const owner = (await listUsers(actor)).find((u) => u.id === input.ownerId);
    if (!owner) throw new AppError("VALIDATION", "That user does not exist", { ownerId: "choose an existing user" });
    const created = await createApiToken(actor, { name: input.name, scopes: input.scopes, ownerId: owner.id });
    revalidatePath("/admin/service-tokens");
    return {
      status: "ok",
      message: `Token "${created.name}" created for ${owner.email}.`,
      token: { name: created.name, owner: owner.email, scopes: created.scopes, value: created.token },
    };
  } catch (err) {
    return toFormState(err, values);
  }
}
