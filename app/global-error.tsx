"use client";
import "./globals.css";

/** Last resort when the root layout itself failed; it renders its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang="en">
      <body>
        <title>Error · SRE control plane</title>
        <main id="main" className="centered-page">
          <div className="card narrow" role="alert">
            <div className="card-body">
              <h1>The application failed to load</h1>
              <p className="muted">Something went wrong before the page could be shown.</p>
              {digest ? (
                <p className="muted small">
                  Reference for the server log: <code>{digest}</code>
                </p>
              ) : null}
              <button type="button" className="btn btn-primary" onClick={() => retry()}>
                Try again
              </button>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
