"use client";
import { useSyncExternalStore } from "react";
import { formatUtc } from "./format-time";

const noop = () => () => {};

/**
 * A time in the viewer's own zone. The server does not know that zone, so it renders the UTC text
 * and the browser swaps in local time after hydration (no mismatch warning).
 */
export function LocalTime({ iso, utcFallback = true }: { iso: string; utcFallback?: boolean }) {
  const local = useSyncExternalStore(
    noop,
    () => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }),
    () => null,
  );
  return <time dateTime={iso}>{local ?? (utcFallback ? formatUtc(iso) : "")}</time>;
}
