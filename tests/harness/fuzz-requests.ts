import fc from "fast-check";
import type { Operation } from "@/lib/openapi";
import { jsonSchema } from "@/lib/openapi";
import { hostileString, hostileValue, valueFor, type JsonSchema } from "./fuzz-values";

// Whole requests for the API fuzz test: path parameters, query string, headers and body for one documented
// operation, from its zod schemas (lib/openapi registry).

export type FuzzRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
};

/** Values that exist (fixtures), keyed by "<segment before the parameter>/{param}", e.g. "services/{slug}". */
export type Known = Record<string, string[]>;

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
];
const RAW_BODIES = [
  "",
  "{",
  "not json",
  "null",
  "[]",
  '"x"',
  "1e999",
  "true",
  '{"a":"\\u0000"}',
  '{"__proto__":{"admin":true}}',
  "\ufeff{}",
];

/** Strings every URL can carry (a lone surrogate cannot be percent-encoded). */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

function paramArb(op: Operation, name: string, known: Known): fc.Arbitrary<string> {
  const segments = op.path.split("/");
  const key = `${segments[segments.indexOf(`{${name}}`) - 1]}/{${name}}`;
  // existing ids let requests reach body validation and the services; destructive calls get junk only,
  // so the fixtures survive the run
  const destructive = op.method === "DELETE" || op.path.endsWith("/token");
  const good = destructive ? [] : (known[key] ?? []);
  const junk = fc.oneof(
    hostileString,
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.uuid(),
    fc.constantFrom("1", "0", "-1", "1.5", "abc", "x".repeat(300)),
  );
  const arb = good.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: junk })
    : junk;
  return arb.map(wellFormed).filter((v) => v.length > 0);
}

const asQueryValue = (v: unknown) =>
  typeof v === "string" ? v : v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

function queryArb(op: Operation): fc.Arbitrary<[string, string][]> {
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          hostileString.filter((k) => k.length < 50),
          hostileString,
        ),
        { maxLength: 2 },
      ),
    },
  );
  if (!op.query) return extra.map((e) => e.map(([k, v]) => [wellFormed(k), wellFormed(v)] as [string, string]));
  const schema = jsonSchema(op.query) as JsonSchema;
  const values = valueFor(schema, schema, 0, 6) as fc.Arbitrary<Record<string, unknown>>;
  return fc.tuple(values, extra).map(([v, e]) => {
    const pairs: [string, string][] =
      v && typeof v === "object" && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => [k, asQueryValue(x)]) : [];
    return [...pairs, ...e].map(([k, x]) => [wellFormed(k), wellFormed(x)] as [string, string]);
  });
}

function bodyArb(op: Operation): fc.Arbitrary<string | undefined> {
  if (op.method === "GET" || op.method === "DELETE") return fc.constant(undefined);
  const value = op.body
    ? valueFor(jsonSchema(op.body) as JsonSchema, jsonSchema(op.body) as JsonSchema, 0, 10)
    : hostileValue;
  return fc.oneof(
    { weight: 12, arbitrary: value.map((v) => JSON.stringify(v ?? null)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    // over the documented 1 MB limit: refused before parsing (413), never read into memory whole
    { weight: 1, arbitrary: fc.constant(`[${'"xxxxxxxx",'.repeat(120_000)}"x"]`) },
  );
}

/** Stands for the fixture's token in generated requests, so that a printed counterexample never holds it. */
export const CREDENTIAL = "<credential>";

function headersArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const auth =
    op.auth === "feed-token"
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 12, arbitrary: fc.constant(`Bearer ${CREDENTIAL}`) },
          { weight: 1, arbitrary: fc.constantFrom("Bearer ", "Bearer srecp_x", "Basic Og==", "bearer\u0009x") },
        );
  return fc
    .tuple(contentType, auth)
    .map(([ct, a]) => ({ ...(ct ? { "content-type": ct } : {}), ...(a ? { authorization: a } : {}) }));
}

/** Requests for one operation; the sender replaces CREDENTIAL with the admin (or the integration) token. */
export function requestsFor(op: Operation, known: Known): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const params = names.length
    ? fc.record(Object.fromEntries(names.map((n) => [n, paramArb(op, n, known)])))
    : fc.constant({} as Record<string, string>);
  return fc
    .record({ params, query: queryArb(op), headers: headersArb(op), body: bodyArb(op) })
    .map(({ params: p, query, headers, body }) => {
      const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(p[n]!));
      return {
        method: op.method,
        path,
        params: p,
        query,
        headers: body === undefined ? withoutContentType(headers) : headers,
        body,
      };
    });
}

const withoutContentType = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => k !== "content-type"));

/** The request as a failing case prints it: enough to replay with curl (with your own token). */
export function describeRequest(r: FuzzRequest): string {
  const qs = new URLSearchParams(r.query).toString();
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  const body =
    r.body === undefined
      ? "(no body)"
      : r.body.length > 2000
        ? `${JSON.stringify(r.body.slice(0, 2000))}… (${r.body.length} chars)`
        : JSON.stringify(r.body);
  return `${r.method} ${r.path}${qs ? `?${qs}` : ""}\n  params ${JSON.stringify(r.params)}\n  ${headers.join("\n  ")}\n  body ${body}`;
}
