/**
 * Response security headers, built per request by proxy.ts for pages and API responses alike.
 * Pure: the caller passes the nonce and what it knows about the request, so tests can pin the output.
 */
export type SecurityHeaderInput = {
  /** Fresh per request (base64 of 16+ random bytes); only pages use it. */
  nonce: string;
  /** Served over https (x-forwarded-proto, the request URL or NEXTAUTH_URL): only then HSTS. */
  https: boolean;
  /** `next dev` needs eval for React's dev tooling and a websocket for hot reload. */
  dev: boolean;
  /** API responses are JSON: nothing in them may load anything. */
  api: boolean;
};

/**
 * Pages: scripts only with this request's nonce ('strict-dynamic' lets Next's nonced bootstrap load
 * its chunks); no inline script without the nonce, no eval in production. Styles allow
 * 'unsafe-inline' because Recharts and Next set style attributes — styles cannot run code.
 */
export function contentSecurityPolicy({ nonce, dev, api }: Pick<SecurityHeaderInput, "nonce" | "dev" | "api">): string {
  if (api)
    return [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join("; ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(input),
    // frame-ancestors covers current browsers; X-Frame-Options the ones that predate it.
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    // HSTS over plain http is ignored by browsers and would break a later http-only deployment.
    ...(input.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Whether the request reached us over https, directly or through a TLS-terminating proxy. */
export function servedOverHttps(
  url: string,
  forwardedProto: string | null,
  nextAuthUrl = process.env.NEXTAUTH_URL,
): boolean {
  // Any one is enough: a proxy reports the client's scheme, NEXTAUTH_URL is the public address.
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return url.startsWith("https:") || (nextAuthUrl?.startsWith("https:") ?? false);
}

/** 128 random bits, base64 — the form CSP nonces take. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
