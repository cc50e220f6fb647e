import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keyringFrom } from "@/lib/crypto/keyring";
import { open, seal } from "@/lib/crypto/secret-box";
import { EnvError, readEnv } from "@/lib/env";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-keyring-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("keyring configuration", () => {
  it("without SECRET_KEY generates DATA_DIR/secret-key once (mode 0600) and reuses it", () => {
    const dataDir = path.join(dir, "data");
    const first = keyringFrom({ secretKey: null, secretKeyPrevious: [], dataDir });
    const file = path.join(dataDir, "secret-key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = keyringFrom({ secretKey: null, secretKeyPrevious: [], dataDir });
    expect(again.current.id).toBe(first.current.id);
    expect(open(seal("pw", "p", first), "p", again)).toBe("pw");
  });

  it("SECRET_KEY wins over the key file, and the file's key can be kept as a previous one", () => {
    const dataDir = path.join(dir, "data");
    const generated = fs.readFileSync(path.join(dataDir, "secret-key"), "utf8");
    const old = keyringFrom({ secretKey: null, secretKeyPrevious: [], dataDir });
    const rotated = keyringFrom({ secretKey: "an-operator-chosen-key-0001", secretKeyPrevious: [generated], dataDir });
    expect(rotated.current.id).not.toBe(old.current.id);
    expect(open(seal("pw", "p", old), "p", rotated)).toBe("pw");
  });

  it("reads SECRET_KEY, SECRET_KEY_PREVIOUS and SRECP_DATASOURCE_ALLOW_PRIVATE from the environment", () => {
    const e = readEnv({ SECRET_KEY: " k1 ", SECRET_KEY_PREVIOUS: "k0, k-1,,", SRECP_DATASOURCE_ALLOW_PRIVATE: "1" });
    expect([e.secretKey, e.secretKeyPrevious, e.outboundPolicy.allowPrivate]).toEqual(["k1", ["k0", "k-1"], "all"]);
    expect(readEnv({}).secretKey).toBeNull();
    expect(() => readEnv({ SRECP_DATASOURCE_ALLOW_PRIVATE: "yes please" })).toThrow(EnvError);
    expect(() => readEnv({ SRECP_DATASOURCE_ALLOW_PRIVATE: "10.0.0.0/33" })).toThrow(
      '"10.0.0.0/33" is not an IP address or CIDR',
    );
  });
});
