import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { pageActor } from "./page-actor";

/**
 * For the layout of a dynamic segment ([id], [slug]): an unknown id answers a real HTTP 404.
 * A page under a loading.tsx streams, and a notFound() it throws only swaps in the not-found UI after
 * "200 OK" was sent. A layout with no loading boundary above it renders before the first byte, so its
 * notFound() sets the status (the list pages keep their loading.tsx inside a "(list)" route group so
 * that it does not wrap the dynamic segments). Only NOT_FOUND is handled here; anything else
 * (forbidden, a failing dependency) is left to the page, which renders it in its own boundaries.
 */
export async function requireFound(lookup: (actor: Actor) => Promise<unknown>): Promise<void> {
  const actor = await pageActor();
  try {
    await lookup(actor);
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
  }
}
