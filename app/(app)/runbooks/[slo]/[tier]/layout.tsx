import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getSlo } from "@/lib/services/slo/read-slos";
import { isRunbookTier } from "@/lib/slo/runbook";
import { requireFound } from "../../../_lib/require-found";

/** An unknown SLO or alert tier answers HTTP 404 (see requireFound). */
export default async function RunbookLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slo: string; tier: string }>;
}) {
  const { slo, tier } = await params;
  if (!isRunbookTier(tier)) notFound();
  await requireFound((actor) => getSlo(actor, slo));
  return children;
}
