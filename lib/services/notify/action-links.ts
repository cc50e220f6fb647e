import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { LinkAction } from "@/lib/validation/views/notify";
import type { Client } from "../oncall/model";

// One-time action links carried by page messages (issue 13 item 4). The link holds 32 random bytes
// (base64url); only their sha256 is stored, bound to the page, the recipient and one action, with an
// expiry. A leaked database therefore yields no usable link; a guessed or altered token matches no row.

export const LINK_TTL_MS = 24 * 3_600_000;

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export const publicBaseUrl = () => (process.env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/$/, "");
export const pageUrl = (pageId: string) => `${publicBaseUrl()}/oncall/pages/${pageId}`;

/** New links for one message; each call makes fresh tokens (a retried message carries new links, old ones stay valid). */
export async function createActionLinks(
  tx: Client,
  pageId: string,
  userId: string,
  actions: LinkAction[],
  nowMs: number,
) {
  const links = actions.map((action) => ({ action, token: randomBytes(32).toString("base64url") }));
  if (!links.length) return [];
  await tx.pageActionLink.createMany({
    data: links.map((l) => ({
      tokenHash: tokenHash(l.token),
      pageId,
      userId,
      action: l.action,
      expiresAt: new Date(nowMs + LINK_TTL_MS),
    })),
  });
  return links.map((l) => ({ action: l.action, url: `${publicBaseUrl()}/api/v1/page-actions/${l.token}` }));
}
