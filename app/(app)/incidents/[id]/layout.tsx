import type { ReactNode } from "react";
import { getIncident } from "@/lib/services/incidents/incidents";
import { requireFound } from "../../_lib/require-found";

/** An unknown incident answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function IncidentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await requireFound((actor) => getIncident(actor, id));
  return children;
}
