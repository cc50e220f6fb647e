import { AppError } from "@/lib/errors";

// PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"): a NUL that reaches
// a query fails it with a driver error (HTTP 500). No field of this API has a use for NUL, so requests
// carrying one are refused at the boundary, naming the field, before any schema or query sees them.
const NUL = "\u0000";
const MESSAGE = "must not contain NUL (\\u0000) characters";

/** First path (dotted, as in `error.fields`) of a string or object key containing NUL, or null. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)]);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return [...path, k.replaceAll(NUL, "\\u0000")].join(".");
      const hit = findNul(v, [...path, k]);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** Throws 422 naming the field when a parsed JSON body holds a NUL anywhere. */
export function assertNoNulInBody(body: unknown): void {
  const field = findNul(body);
  if (field !== null) throw new AppError("VALIDATION", `Invalid input: ${field} ${MESSAGE}`, { [field]: MESSAGE });
}

/** Throws 422 naming the parameter when a path parameter or query parameter (name or value) holds a NUL. */
export function assertNoNulInUrl(params: Record<string, string | string[] | undefined>, url: string): void {
  for (const [name, value] of Object.entries(params)) {
    if ((Array.isArray(value) ? value : [value ?? ""]).some((v) => v.includes(NUL))) {
      throw new AppError("VALIDATION", `Invalid input: path parameter ${name} ${MESSAGE}`, { [name]: MESSAGE });
    }
  }
  for (const [name, value] of new URL(url).searchParams) {
    if (name.includes(NUL) || value.includes(NUL)) {
      const field = name.replaceAll(NUL, "\\u0000");
      throw new AppError("VALIDATION", `Invalid input: query parameter ${field} ${MESSAGE}`, { [field]: MESSAGE });
    }
  }
}
