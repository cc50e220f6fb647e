import type { ReactNode } from "react";
import { getPage } from "@/lib/services/oncall/pages";
import { requireFound } from "../../../_lib/require-found";

/** An unknown page answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function OnCallPageLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await requireFound((actor) => getPage(actor, id));
  return children;
}
