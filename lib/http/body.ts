import { AppError } from "@/lib/errors";

/**
 * Request body limits. Every JSON body the API accepts is small (the largest are SLO-as-code plans),
 * so 1 MB leaves room while stopping a signed-in client from making the server buffer and parse
 * 20 MB. Alertmanager groups can carry many alerts with long annotations, hence its own limit.
 * Documented in docs/security.md ("Requests and headers").
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const ALERTMANAGER_BODY_LIMIT = 5 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
const tooLarge = (limit: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `Request body is larger than the limit of ${megabytes(limit)}`);

/** True when Content-Type names JSON (`application/json`, optionally with parameters such as charset). */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  return header.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * Reads the body as UTF-8 text, refusing more than `limit` bytes with 413 before anything is parsed:
 * first by the declared Content-Length, then by counting while the stream is read, because a chunked
 * body declares no length (and a declared length is only a claim).
 */
export async function readBodyText(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: the rest of the upload is never buffered.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder("utf-8").decode(all);
}

/**
 * Reads a JSON body: 415 unless Content-Type is application/json (a cross-site form or `text/plain`
 * fetch cannot send that type without a CORS preflight, which this API never grants), 413 over the
 * limit, 400 for text that is not JSON.
 */
export async function readJsonBody(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the request body as JSON with the header Content-Type: application/json",
    );
  }
  const text = await readBodyText(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Request body must be valid JSON");
  }
}
