import { AppError } from "@/lib/errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Origins this server is reached at: the request's own (Next builds req.url from the Host header),
 * the one a reverse proxy reports (X-Forwarded-Host/-Proto; a browser on another site cannot set
 * these on a cross-origin request without a preflight we never grant), and NEXTAUTH_URL.
 */
export function allowedOrigins(req: Request, nextAuthUrl = process.env.NEXTAUTH_URL): Set<string> {
  const out = new Set<string>();
  const own = originOf(req.url);
  if (own) out.add(own);
  const fwdHost = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = fwdHost || req.headers.get("host");
  const proto =
    req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ||
    (own ? new URL(own).protocol.replace(":", "") : "http");
  if (host) {
    const o = originOf(`${proto}://${host}`);
    if (o) out.add(o);
  }
  const configured = originOf(nextAuthUrl);
  if (configured) out.add(configured);
  return out;
}

/**
 * CSRF defence for cookie-authenticated writes. Bearer-token calls carry no ambient credential, so
 * they pass. A browser request that carries cookies and changes state must come from our own origin:
 * a matching `Origin` header, or `Sec-Fetch-Site: same-origin` when no Origin is sent. "Same site"
 * is not enough: another port of the same host is same-site but a different origin.
 * @throws FORBIDDEN otherwise.
 */
export function assertSameOrigin(req: Request): void {
  if (!UNSAFE.has(req.method.toUpperCase())) return;
  if (req.headers.get("authorization")?.toLowerCase().startsWith("bearer ")) return;
  if (!req.headers.get("cookie")) return; // no ambient credential: authentication answers 401
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    if (allowedOrigins(req).has(origin)) return;
    throw new AppError("FORBIDDEN", `Cross-origin request refused: Origin ${origin.slice(0, 200)} is not this server`);
  }
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError(
    "FORBIDDEN",
    "Cross-origin request refused: browser writes must come from this server's own pages (Origin header missing)",
  );
}
