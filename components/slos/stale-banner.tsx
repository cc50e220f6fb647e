import { Alert } from "@/components/ui/alert";
import { formatAge } from "@/lib/slo/format";

/**
 * Shown when the numbers are the last good value because Prometheus could not be asked. Without an
 * age there was no good value yet.
 */
export function StaleBanner({ stale, ageSeconds, error }: { stale: boolean; ageSeconds?: number | null; error?: string | null }) {
  if (!stale) return null;
  const known = typeof ageSeconds === "number" && Number.isFinite(ageSeconds);
  return (
    <Alert tone="warning" title={known ? `Stale, last value ${formatAge(ageSeconds)} old` : "Stale: no value from Prometheus yet"}>
      <p>
        Prometheus could not be reached, so {known ? "the figures below are the last good values" : "there are no figures yet"}. They refresh on their own once it answers again.
        {error ? <span className="muted small"> ({error})</span> : null}
      </p>
    </Alert>
  );
}
