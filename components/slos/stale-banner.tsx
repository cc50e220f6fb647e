import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { formatAge } from "@/lib/slo/format";

type Props = {
  stale: boolean;
  ageSeconds?: number | null;
  error?: string | null;
  /** not_configured: nothing is set up (no PROMETHEUS_URL, no data source); unreachable: an outage. */
  reason?: "not_configured" | "unreachable" | null;
  /** ISO instant the outage began. */
  since?: string | null;
};

/**
 * Shown when the numbers are not live. "No Prometheus configured" is a set-up step, told apart from an
 * outage ("Prometheus unreachable since …", with the age of the last good values). Without an age there
 * was no good value yet, so the figures are "no data", never healthy.
 */
export function StaleBanner({ stale, ageSeconds, error, reason, since }: Props) {
  if (!stale) return null;
  if (reason === "not_configured") {
    return (
      <Alert tone="warning" title="No Prometheus configured">
        <p>
          There is no data source for these SLOs, so there are no figures. An admin adds one under{" "}
          <a href="/admin/data-sources">Admin → Data sources</a> (or sets <code>PROMETHEUS_URL</code>); the numbers
          appear on the next refresh.
        </p>
      </Alert>
    );
  }
  const known = typeof ageSeconds === "number" && Number.isFinite(ageSeconds);
  return (
    <Alert
      tone="warning"
      title={known ? `Stale, last value ${formatAge(ageSeconds)} old` : "Stale: no value from Prometheus yet"}
    >
      <p>
        {since ? (
          <>
            Prometheus unreachable since <LocalTime iso={since} />, so{" "}
          </>
        ) : (
          "Prometheus could not be reached, so "
        )}
        {known ? "the figures below are the last good values" : "there are no figures yet"}. They refresh on their own
        once it answers again.
        {error ? <span className="muted small"> ({error})</span> : null}
      </p>
    </Alert>
  );
}
