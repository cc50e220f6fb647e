"use client";
import { useSyncExternalStore } from "react";
import { formatUtc } from "@/components/ui/format-time";
import { viewerOffsetLabel } from "./time";

const noop = () => () => {};
// dateStyle/timeStyle cannot be combined with timeZoneName, hence the explicit fields.
const LOCAL_FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "your time, UTC+01:00" in the browser; "your time" while rendering on the server (no zone known there). */
export function useYourTime(): string {
  return useSyncExternalStore(
    noop,
    () => `your time, ${viewerOffsetLabel()}`,
    () => "your time",
  );
}

/**
 * An instant shown in UTC (the incident record's zone, same on server and client) and, after hydration,
 * in the viewer's own zone.
 */
export function Instant({ iso, compact = false }: { iso: string | null; compact?: boolean }) {
  const local = useSyncExternalStore(
    noop,
    () => (iso ? new Date(iso).toLocaleString(undefined, LOCAL_FORMAT) : null),
    () => null,
  );
  if (!iso) return <span className="muted">—</span>;
  return (
    <span className={compact ? "instant instant-compact" : "instant"}>
      <time dateTime={iso} className="mono">
        {formatUtc(iso)}
      </time>
      {local ? (
        <span className="muted small instant-local">
          {" "}
          {compact ? "" : "· "}
          {local}
        </span>
      ) : null}
    </span>
  );
}
