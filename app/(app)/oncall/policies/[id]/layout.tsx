import type { ReactNode } from "react";
import { getEscalationPolicy } from "@/lib/services/oncall/escalation-policies";
import { requireFound } from "../../../_lib/require-found";

/** An unknown escalation policy answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function EscalationPolicyLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await requireFound((actor) => getEscalationPolicy(actor, id));
  return children;
}
