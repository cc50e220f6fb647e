import type { ReactNode } from "react";
import { getSlo } from "@/lib/services/slo/read-slos";
import { requireFound } from "../../_lib/require-found";

/** An unknown SLO answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function SloLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await requireFound((actor) => getSlo(actor, id));
  return children;
}
