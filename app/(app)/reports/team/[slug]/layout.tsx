import type { ReactNode } from "react";
import { teamBySlugForPage } from "@/lib/services/reports/team-lookup";
import { requireFound } from "../../../_lib/require-found";

/** An unknown team answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function TeamReportLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  await requireFound((actor) => teamBySlugForPage(actor, slug));
  return children;
}
