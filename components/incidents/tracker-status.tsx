"use client";
import { useRouter } from "next/navigation";
import type { ActionItemView } from "./api";
import { ActionItemStatusControl } from "./action-item-status";

/** Status control for a row of the server-rendered tracker: re-renders the page after a change. */
export function TrackerStatus({ item }: { item: ActionItemView }) {
  const router = useRouter();
  return <ActionItemStatusControl item={item} onChanged={() => router.refresh()} />;
}
