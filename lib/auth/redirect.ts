/**
 * Where sign-in and sign-out may send the browser afterwards: only this application. A relative path
 * ("/incidents?x=1") or an absolute URL of our own origin is kept; anything else — another host,
 * `javascript:`, a protocol-relative `//evil.example`, a back-slash trick, text that is no URL —
 * becomes null and the caller falls back to the home page. Never throws.
 */
export function sameOriginUrl(value: string | null | undefined, baseUrl: string): string | null {
  if (!value || value.length > 2000) return null;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  // Browsers treat "\" like "/" in URLs, so "/\evil.example" would leave the site; control characters
  // are stripped by the URL parser and can hide such a prefix.
  if (value.includes("\\") || [...value].some((c) => c.charCodeAt(0) < 0x20)) return null;
  try {
    const url = value.startsWith("/") && !value.startsWith("//") ? new URL(value, base) : new URL(value);
    if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** NextAuth `redirect` callback: same-origin URLs only, else the application's base URL. */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return sameOriginUrl(url, baseUrl) ?? baseUrl;
}
