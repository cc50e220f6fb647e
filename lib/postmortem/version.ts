// Optimistic concurrency for editable rows (postmortem sections, metadata, action items).

export type VersionCheck =
  { ok: true } | { ok: false; error: "version_conflict"; expected: number; actual: number; message: string };

/**
 * Optimistic concurrency: a write is accepted only when the version the client loaded (`expected`)
 * equals the stored one (`actual`). On conflict the caller answers 409 and keeps the client's text.
 */
export function checkVersion(expected: number, actual: number): VersionCheck {
  if (Number.isInteger(expected) && expected === actual) return { ok: true };
  return {
    ok: false,
    error: "version_conflict",
    expected,
    actual,
    message: `This was changed by someone else (you loaded version ${expected}, it is now ${actual}). Reload to merge your changes.`,
  };
}
