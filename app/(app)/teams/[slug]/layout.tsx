import type { ReactNode } from "react";
import { getTeam } from "@/lib/services/teams";
import { requireFound } from "../../_lib/require-found";

/** An unknown team answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function TeamLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  await requireFound((actor) => getTeam(actor, slug));
  return children;
}
