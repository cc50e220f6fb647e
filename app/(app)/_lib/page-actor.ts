import "server-only";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";

/**
 * The signed-in actor for a page. Layouts and pages render in parallel, so every page checks for
 * itself (the layout's check alone would not stop a page from rendering). Memoized per request.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/login");
  return actor;
}
