// Types for pglite-lock.mjs (plain ESM so that scripts/app.mjs and the migrator share it with lib/db).
export type LockOwner = {
  pid: number;
  purpose?: string;
  host?: string;
  startedAt?: string;
  token?: string;
  parentPid?: number;
};
export class DatabaseLockedError extends Error {
  readonly code: "DB_LOCKED";
  readonly owner: LockOwner;
  constructor(dataDir: string, owner: LockOwner);
}
export function acquirePgliteLock(pgliteDir: string, opts?: { purpose?: string; takeoverToken?: string }): () => void;
export function heldLockToken(pgliteDir: string): string | undefined;
