import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { appKeyring } from "@/lib/crypto/keyring";
import { isSealed, needsReseal, open, seal, SecretKeyError } from "@/lib/crypto/secret-box";
import { logger } from "@/lib/observability/logger";
import { recordAudit } from "./audit";

/** The secret columns of DataSource; the column name is also the AES-GCM authenticated data. */
const FIELDS = ["bearerToken", "basicPassword"] as const;
type Field = (typeof FIELDS)[number];
type SecretColumns = { [F in Field]: string | null };

const purpose = (field: Field) => `dataSource.${field}`;

/** Seals whichever secrets are given (null/undefined pass through: "not set" / "unchanged"). */
export function sealSecrets<T extends Partial<Record<Field, string | null | undefined>>>(input: T): T {
  const ring = appKeyring();
  const out = { ...input };
  for (const f of FIELDS) {
    const v = input[f];
    if (typeof v === "string" && v !== "") out[f] = seal(v, purpose(f), ring) as T[Field];
    else if (v === "") out[f] = null as T[Field];
  }
  return out;
}

/** Plain values for a request to Prometheus. Legacy plaintext rows (before sealing) read as they are. */
export function openSecrets(row: SecretColumns & { name: string }): SecretColumns {
  const ring = appKeyring();
  const read = (f: Field) => {
    const v = row[f];
    if (v === null || !isSealed(v)) return v;
    try {
      return open(v, purpose(f), ring);
    } catch (err) {
      if (err instanceof SecretKeyError)
        throw new AppError(
          "UPSTREAM_UNAVAILABLE",
          `The credentials of data source "${row.name}" cannot be read: ${err.message}`,
        );
      throw err;
    }
  };
  return { bearerToken: read("bearerToken"), basicPassword: read("basicPassword") };
}

/**
 * Re-seals every secret that is plaintext (rows from before encryption) or sealed with a previous key,
 * one row per transaction with its audit event. Returns how many rows changed. Safe to run any time
 * and concurrently: a row is only rewritten if it still holds the value that was read.
 */
export async function resealDataSourceSecrets(
  actor: Actor,
): Promise<{ resealed: number; unreadable: string[]; total: number }> {
  assertAdmin(actor, "data source secrets");
  const ring = appKeyring();
  const db = await getDb();
  const rows = await db.dataSource.findMany({
    select: { id: true, name: true, bearerToken: true, basicPassword: true },
  });
  let resealed = 0;
  const unreadable: string[] = [];
  for (const row of rows) {
    const stale = FIELDS.filter((f) => row[f] !== null && needsReseal(row[f]!, ring));
    if (stale.length === 0) continue;
    let plain: SecretColumns;
    try {
      plain = openSecrets(row);
    } catch (err) {
      // Sealed with a key that is gone: leave the row for an operator (re-enter the secret, or add the key).
      if (!(err instanceof AppError)) throw err;
      unreadable.push(row.name);
      continue;
    }
    const data = Object.fromEntries(stale.map((f) => [f, seal(plain[f]!, purpose(f), ring)]));
    const changed = await db.$transaction(async (tx) => {
      const res = await tx.dataSource.updateMany({
        where: { id: row.id, bearerToken: row.bearerToken, basicPassword: row.basicPassword },
        data,
      });
      if (res.count === 1)
        await recordAudit(tx, actor, {
          action: "datasource.secrets_resealed",
          entityType: "dataSource",
          entityId: row.id,
          after: { fields: stale, keyId: ring.current.id },
        });
      return res.count;
    });
    resealed += changed;
  }
  return { resealed, unreadable, total: rows.length };
}

let migration: Promise<unknown> | undefined;

/**
 * Once per process, before data-source secrets are first used: seal rows still in plaintext, so an
 * upgrade needs no manual step. A failure is logged and retried on the next call, never fatal.
 */
export function sealLegacySecretsOnce(actor: Actor): Promise<unknown> {
  migration ??= resealDataSourceSecrets(actor).then(
    ({ resealed, unreadable }) => {
      if (resealed > 0)
        logger().info({ resealed }, "sealed data-source secrets stored before encryption or under a previous key");
      if (unreadable.length > 0)
        logger().warn(
          { dataSources: unreadable },
          "data-source secrets sealed with a key that is not configured (SECRET_KEY / SECRET_KEY_PREVIOUS)",
        );
    },
    (err: unknown) => {
      migration = undefined;
      logger().warn({ err: err instanceof Error ? err.message : String(err) }, "could not re-seal data-source secrets");
    },
  );
  return migration;
}
