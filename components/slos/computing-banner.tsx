import { Alert } from "@/components/ui/alert";

/**
 * Shown while an SLO's first status (or that of a new version) is being computed: its history is read
 * from Prometheus in the background. The figures replace this without a reload (live events, or a poll).
 */
export function ComputingBanner({ computing }: { computing?: boolean }) {
  if (!computing) return null;
  return (
    <Alert tone="info" title="Computing…">
      <p role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> Reading this SLO&apos;s window from Prometheus for the first
        time. The figures appear here as soon as they are ready.
      </p>
    </Alert>
  );
}
