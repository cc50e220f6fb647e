import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { checkAddress, checkHostName, type OutboundPolicy } from "./outbound-policy";

/** Error of a refused destination; the Prometheus transport recognises the code and shows the message. */
export class OutboundBlockedError extends Error {
  readonly code = "ERR_OUTBOUND_BLOCKED";
  constructor(why: string) {
    super(`Refused by the outbound address policy: ${why}`);
    this.name = "OutboundBlockedError";
  }
}

// A Prometheus answer larger than this is a misconfigured query or a hostile server, not data we chart.
const MAX_BODY_BYTES = 128 * 1024 * 1024;

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Resolves the URL's host and checks every address it resolves to (one private answer among public
 * ones is enough to refuse). Used when a data source is saved, so the admin gets a clear 422.
 */
export async function checkOutboundUrl(
  rawUrl: string,
  policy: OutboundPolicy,
): Promise<{ ok: true } | { ok: false; why: string }> {
  const url = new URL(rawUrl);
  const host = bareHost(url);
  const named = checkHostName(host);
  if (!named.ok) return named;
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return { ok: false, why: `the host name ${host} does not resolve` };
  }
  for (const address of addresses) {
    const verdict = checkAddress(address, policy);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}

/**
 * `lookup` for sockets: resolves, then refuses if any address breaks the policy. Because the check
 * runs at connect time on the very addresses the socket will use, a DNS answer that changed since the
 * URL was saved (rebinding) cannot slip through.
 */
const guardedLookup =
  (policy: OutboundPolicy): LookupFunction =>
  (hostname, options, callback) => {
    const named = checkHostName(hostname);
    if (!named.ok) return callback(new OutboundBlockedError(named.why), "", 4);
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      for (const a of addresses) {
        const verdict = checkAddress(a.address, policy);
        if (!verdict.ok) return callback(new OutboundBlockedError(verdict.why), "", 4);
      }
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
      // net asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily), otherwise for one.
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };

const headerRecord = (headers: RequestInit["headers"]): Record<string, string> =>
  Object.fromEntries(new Headers(headers).entries());

/**
 * A `fetch` for user-configured destinations, on node:http(s) because only there can the connect-time
 * lookup be checked. Differences from global fetch, on purpose: redirects are not followed (a 3xx to
 * an internal host would bypass the check; Prometheus does not redirect its API), and bodies are capped.
 */
export function createGuardedFetch(policy: OutboundPolicy): typeof fetch {
  const lookup = guardedLookup(policy);
  const guarded = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const host = bareHost(url);
    // Literal IPs never reach `lookup`: check them here.
    if (isIP(host)) {
      const verdict = checkAddress(host, policy);
      if (!verdict.ok) throw new OutboundBlockedError(verdict.why);
    }
    const client = url.protocol === "https:" ? https : http;
    const headers = { "accept-encoding": "gzip", ...headerRecord(init.headers) };
    const body = typeof init.body === "string" ? init.body : undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(
        url,
        { method: init.method ?? "GET", headers, lookup, signal: init.signal ?? undefined },
        (res) => {
          const stream: Readable = res.headers["content-encoding"] === "gzip" ? res.pipe(zlib.createGunzip()) : res;
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              req.destroy(
                Object.assign(new Error(`response body over ${MAX_BODY_BYTES} bytes`), { code: "ERR_BODY_TOO_LARGE" }),
              );
              return;
            }
            chunks.push(chunk);
          });
          stream.on("error", reject);
          res.on("error", reject);
          stream.on("end", () => {
            const status = res.statusCode ?? 0;
            try {
              const nullBody = status === 204 || status === 205 || status === 304;
              // The answer's own headers (Retry-After on a 429 matters to the notification worker); the
              // body was decompressed here, so its encoding and length no longer apply.
              const out = new Headers();
              for (const [name, value] of Object.entries(res.headers)) {
                if (value === undefined || name === "content-encoding" || name === "content-length") continue;
                for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
              }
              resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: out }));
            } catch (err) {
              reject(
                Object.assign(new Error(`unusable HTTP status ${status}`, { cause: err }), { code: "ERR_BAD_STATUS" }),
              );
            }
          });
        },
      );
      req.on("error", (err) => reject(new TypeError("fetch failed", { cause: err })));
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
  return guarded as typeof fetch;
}
