import { describe, expect, it } from "vitest";
import { isSealed, keyring, needsReseal, open, seal, SecretKeyError } from "@/lib/crypto/secret-box";

describe("secret box (AES-256-GCM, versioned)", () => {
  const ring = keyring("current-secret-key-0123456789");

  it("round-trips and never contains the plaintext", () => {
    const sealed = seal("glpat-very-secret-token", "dataSource.bearerToken", ring);
    expect(sealed).toMatch(/^v1:[0-9a-f]{12}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain("very-secret");
    expect(isSealed(sealed)).toBe(true);
    expect(open(sealed, "dataSource.bearerToken", ring)).toBe("glpat-very-secret-token");
  });

  it("uses a fresh IV per value", () => {
    expect(seal("same", "p", ring)).not.toBe(seal("same", "p", ring));
  });

  it("binds the value to its field: a token moved into another column does not open", () => {
    const sealed = seal("token", "dataSource.bearerToken", ring);
    expect(() => open(sealed, "dataSource.basicPassword", ring)).toThrow(SecretKeyError);
  });

  it("detects tampering", () => {
    const sealed = seal("token", "p", ring);
    const parts = sealed.split(":");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join(":"), "p", ring)).toThrow(/does not authenticate/);
  });

  it("rotates: previous keys still open old values, which then need re-sealing", () => {
    const old = keyring("old-secret-key-abcdefghijkl");
    const sealedOld = seal("pw", "p", old);
    const rotated = keyring("new-secret-key-mnopqrstuvwx", ["old-secret-key-abcdefghijkl"]);
    expect(open(sealedOld, "p", rotated)).toBe("pw");
    expect(needsReseal(sealedOld, rotated)).toBe(true);
    expect(needsReseal(seal("pw", "p", rotated), rotated)).toBe(false);
    expect(() => open(sealedOld, "p", keyring("new-secret-key-mnopqrstuvwx"))).toThrow(
      /neither SECRET_KEY nor in SECRET_KEY_PREVIOUS/,
    );
  });

  it("treats anything not in the v1 format as legacy plaintext to be sealed", () => {
    expect(isSealed("plain-token")).toBe(false);
    expect(needsReseal("plain-token", ring)).toBe(true);
  });

  it("gives the key an id that does not reveal the secret", () => {
    expect(ring.current.id).toMatch(/^[0-9a-f]{12}$/);
    expect(keyring("current-secret-key-0123456789").current.id).toBe(ring.current.id);
    expect(keyring("another").current.id).not.toBe(ring.current.id);
  });
});
