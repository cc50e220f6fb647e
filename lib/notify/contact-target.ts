import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// Pure helpers for contact methods: what the owner sees of a target, and verification codes.
// A webhook URL's path and query often carry the token that authorises posting, so only its scheme
// and host are ever shown; the full URL stays sealed.

/** The e-mail address itself, or "https://hooks.slack.com/…" for a URL. */
export function targetLabelOf(kind: string, target: string): string {
  if (kind === "email") return target.trim().toLowerCase();
  const url = new URL(target.trim());
  return `${url.protocol}//${url.host}${url.pathname.length > 1 || url.search ? "/…" : ""}`;
}

export const VERIFY_CODE_TTL_MS = 15 * 60_000;
/** Wrong codes tolerated per code; the fifth wrong one voids it (a new code must be sent). */
export const VERIFY_MAX_ATTEMPTS = 5;

/** A 6-digit code, uniformly random (leading zeros kept). */
export const newVerifyCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

export const hashVerifyCode = (code: string) => createHash("sha256").update(code.trim()).digest("hex");

/** Constant-time comparison of an entered code with the stored sha256 hex. */
export function codeMatches(entered: string, storedHash: string): boolean {
  const a = Buffer.from(hashVerifyCode(entered), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type CodeState = { verifyCodeHash: string | null; verifyExpiresAt: Date | null; verifyAttempts: number };

/** Why an entered code cannot be accepted now (before comparing), or null. */
export function codeStateProblem(m: CodeState, nowMs: number): string | null {
  if (!m.verifyCodeHash || !m.verifyExpiresAt) return "no code is pending: send a new code";
  if (m.verifyAttempts >= VERIFY_MAX_ATTEMPTS) return "too many wrong codes: send a new code";
  if (m.verifyExpiresAt.getTime() <= nowMs) return "the code expired (codes are valid for 15 minutes): send a new code";
  return null;
}
