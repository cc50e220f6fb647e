"use client";
import { useEffect, useState } from "react";
import { downsample, Sparkline } from "@/components/charts/sparkline";
import { useBurndown } from "@/lib/query/slos";

/**
 * Remaining-budget trend of one overview row. The burndown (one range-query pair) is fetched only
 * after the row has stayed on screen for a moment, so scrolling through 1,000 rows does not fire
 * 1,000 requests; results are cached by TanStack Query for 5 minutes.
 */
export function SloSparkline({
  id,
  name,
  enabled,
  delayMs = 400,
}: {
  id: string;
  name: string;
  enabled: boolean;
  delayMs?: number;
}) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const t = setTimeout(() => setArmed(true), delayMs);
    return () => clearTimeout(t);
  }, [enabled, delayMs]);
  if (!enabled) return <span className="muted small">—</span>;
  // The query lives in its own component, mounted once armed: the server render of a page of 100 rows
  // (never armed there) then creates no query observer per row.
  return armed ? <BurndownSparkline id={id} name={name} /> : <Placeholder name={name} />;
}

const Placeholder = ({ name }: { name: string }) => (
  <span className="sparkline-placeholder" aria-label={`Loading budget trend of ${name}`} />
);

function BurndownSparkline({ id, name }: { id: string; name: string }) {
  const q = useBurndown(id);
  if (q.isError)
    return (
      <span className="muted small" title={q.error.message}>
        n/a
      </span>
    );
  if (!q.data) return <Placeholder name={name} />;
  const values = downsample(
    q.data.points.map((p) => p.remaining),
    48,
  );
  const last = values[values.length - 1] ?? null;
  const tone = last !== null && last <= 0 ? "danger" : last !== null && last < 0.25 ? "warning" : "accent";
  return <Sparkline values={values} label={`Remaining budget trend of ${name}`} tone={tone} max={1} />;
}
