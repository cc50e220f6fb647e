import { createHash, randomBytes } from "node:crypto";
import { TOKEN_SCOPE_VALUES } from "@/lib/validation/deployments";

/** API tokens: "srecp_" + 32 random bytes base64url. Only the sha256 is stored. */
export const TOKEN_PREFIX = "srecp_";

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Token scopes narrow what a token may do below its owner's role; an empty list means no narrowing. */
export const TOKEN_SCOPES = TOKEN_SCOPE_VALUES;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
