import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets at rest (data-source bearer tokens and passwords): AES-256-GCM with a random 96-bit IV per
 * value, stored as `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url). The keyId names the key that
 * sealed the value, so after a rotation old rows still open with a previous key until they are
 * re-sealed (`srecp secrets rotate`). `purpose` is authenticated data: a token copied into another
 * column does not decrypt there.
 */
export type Key = { id: string; key: Buffer };
export type Keyring = { current: Key; previous: Key[] };

const PREFIX = "v1";

/** Derives the AES key from any configured secret string (HKDF-SHA256), with a short public id. */
export function deriveKey(secret: string): Key {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), "srecp-secret-box", "aes-256-gcm v1", 32));
  // The id is a hash of the derived key, not of the secret: it identifies without revealing.
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 12), key };
}

export const keyring = (current: string, previous: string[] = []): Keyring => ({
  current: deriveKey(current),
  previous: previous.filter((s) => s !== current).map(deriveKey),
});

/** True for values written by seal(); anything else in a secret column is a legacy plaintext row. */
export const isSealed = (stored: string): boolean => /^v1:[0-9a-f]{12}:[\w-]+:[\w-]+:[\w-]*$/.test(stored);

export function seal(plain: string, purpose: string, ring: Keyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    PREFIX,
    ring.current.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ct.toString("base64url"),
  ].join(":");
}

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** Opens a sealed value; throws SecretKeyError when its key is not configured or it was tampered with. */
export function open(stored: string, purpose: string, ring: Keyring): string {
  if (!isSealed(stored)) throw new SecretKeyError("not a sealed secret");
  const [, keyId, iv, tag, ct] = stored.split(":") as [string, string, string, string, string];
  const key = [ring.current, ...ring.previous].find((k) => k.id === keyId);
  if (!key)
    throw new SecretKeyError(`sealed with key ${keyId}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(
      `the value sealed with key ${keyId} does not authenticate (corrupted, or moved from another field)`,
    );
  }
}

/** Whether a stored value should be re-sealed: legacy plaintext, or sealed with a previous key. */
export const needsReseal = (stored: string, ring: Keyring): boolean =>
  !isSealed(stored) || stored.split(":")[1] !== ring.current.id;
