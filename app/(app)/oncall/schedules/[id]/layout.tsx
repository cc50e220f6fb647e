import type { ReactNode } from "react";
import { loadScheduleModel } from "@/lib/services/oncall/model";
import { requireFound } from "../../../_lib/require-found";

/** An unknown schedule answers HTTP 404 on this page and every page below it (see requireFound). */
export default async function ScheduleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  // The model alone: getSchedule would also record who is on call and compute health, which the page does.
  await requireFound(() => loadScheduleModel(null, id));
  return children;
}
