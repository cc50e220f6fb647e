"use client";
import { useEffect } from "react";
import { Button } from "./button";

type Props = { error: unknown; retry: () => void; title?: string };

/**
 * Body of every error.tsx. In production the server's message is replaced by a digest, so we show
 * the digest (it matches the server log) rather than pretending to know what went wrong.
 */
export function SegmentError({ error, retry, title = "Something went wrong" }: Props) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="segment-error" role="alert">
      <h1>{title}</h1>
      <p className="muted">
        The page could not be loaded. This is usually temporary (for example the database was busy).
      </p>
      {digest ? (
        <p className="muted small">
          Reference for the server log: <code>{digest}</code>
        </p>
      ) : null}
      <Button variant="primary" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
