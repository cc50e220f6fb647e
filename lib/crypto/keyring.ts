import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { keyring, type Keyring } from "./secret-box";

/**
 * The process's keyring: SECRET_KEY (and SECRET_KEY_PREVIOUS, comma-separated, for rotation), or
 * without SECRET_KEY a key generated once into DATA_DIR/secret-key (mode 0600), like the generated
 * NEXTAUTH_SECRET, so a fresh clone needs no configuration. Several app servers on one PostgreSQL
 * must share SECRET_KEY: a per-machine key file would make each unable to read the others' rows.
 */
let cached: Keyring | undefined;

export function appKeyring(): Keyring {
  return (cached ??= keyringFrom(env()));
}

/** The keyring for a configuration (exported for tests; the app uses appKeyring). */
export function keyringFrom({
  secretKey,
  secretKeyPrevious,
  dataDir,
}: {
  secretKey: string | null;
  secretKeyPrevious: string[];
  dataDir: string;
}): Keyring {
  return keyring(secretKey ?? keyFile(dataDir), secretKeyPrevious);
}

function keyFile(dataDir: string): string {
  const file = path.join(dataDir, "secret-key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": of two processes starting together, one creates the file and the other reads it.
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 16)
    throw new Error(`${file} holds no usable key: delete it only if no secret was stored with it, or set SECRET_KEY`);
  return secret;
}
