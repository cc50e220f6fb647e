import type { ReactNode } from "react";
import { getService } from "@/lib/services/catalog";
import { requireFound } from "../../_lib/require-found";

/** An unknown service answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function ServiceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  await requireFound((actor) => getService(actor, slug));
  return children;
}
