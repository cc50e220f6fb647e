import fc from "fast-check";

// Value generators for the API fuzz test (tests/integration/fuzz-api.test.ts): from an operation's JSON
// Schema (the same zod schemas the handlers validate with, via lib/openapi) they build mostly-plausible
// values, each node of which may be swapped for a hostile one — so some requests pass validation and reach
// the services and the database, and others probe every validation path.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

/** Strings that broke or could break something: NUL, SQL/LIKE metacharacters, path tricks, numbers-as-text, out-of-range instants. */
const SPECIAL_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%00",
  "%",
  "_",
  "' OR 1=1 --",
  "\\",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  '=HYPERLINK("x")',
  "💥🔥",
  "\u202e",
  "null",
  "true",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "9".repeat(40),
  "0x1F",
  "2027-03-22T08:00:00Z",
  "2027-02-30T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "-271821-04-20T00:00:00Z",
  "99999999999999",
  "-8640000000000001",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999+14:00",
  "2027-13",
  "2027-Q9",
  "Europe/Nowhere",
  "25:61",
  "[]",
  "{}",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 200_000 }).map((n) => "x".repeat(n)) },
);

/** Any JSON value of the wrong shape: numbers at the edges, nulls, arrays, nested objects, hostile strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], [[]], { "": "" }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const MAX_DEPTH = 5;

/** Mostly-plausible values for `schema`; every node has a 1-in-`rare` chance of being hostile instead. */
export function valueFor(schema: JsonSchema, root: JsonSchema = schema, depth = 0, rare = 10): fc.Arbitrary<unknown> {
  const plausible = plausibleFor(schema, root, depth, rare);
  return fc.oneof({ weight: rare - 1, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue });
}

function plausibleFor(s: JsonSchema, root: JsonSchema, depth: number, rare: number): fc.Arbitrary<unknown> {
  const next = (x: JsonSchema) => valueFor(x, root, depth + 1, rare);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (s.$ref) return plausibleFor(resolveRef(s.$ref, root), root, depth + 1, rare);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => plausibleFor(u, root, depth + 1, rare)));
  if (s.allOf?.length) return plausibleFor(Object.assign({}, ...s.allOf), root, depth + 1, rare);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  switch (type) {
    case "string":
      return stringFor(s);
    case "integer":
      return fc.integer({
        min: Math.ceil(s.minimum ?? s.exclusiveMinimum ?? -1000),
        max: Math.floor(s.maximum ?? s.exclusiveMaximum ?? 100_000),
      });
    case "number":
      return fc.double({
        min: s.minimum ?? s.exclusiveMinimum ?? -1000,
        max: s.maximum ?? s.exclusiveMaximum ?? 100_000,
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map(next));
      return fc.array(s.items ? next(s.items) : hostileValue, {
        minLength: Math.min(s.minItems ?? 0, 3),
        maxLength: Math.min(Math.max(s.minItems ?? 0, 3), s.maxItems ?? 3),
      });
    }
    case "object":
      return objectFor(s, next);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(s: JsonSchema, next: (x: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const arbs = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, next(v)]));
  const required = (s.required ?? []).filter((k) => k in props);
  const record = Object.keys(arbs).length
    ? fc.oneof(
        { weight: 6, arbitrary: fc.record(arbs, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(arbs, { requiredKeys: [] }) },
      )
    : fc.constant({});
  const additional =
    typeof s.additionalProperties === "object"
      ? fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), next(s.additionalProperties), { maxKeys: 3 })
      : fc.constant({});
  // extra, undocumented fields (and a hostile key) must be ignored or refused, never crash
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        hostileString.filter((k) => k.length < 100),
        hostileValue,
        { maxKeys: 2 },
      ),
    },
  );
  return fc.tuple(additional, record, extra).map(([a, r, e]) => ({ ...a, ...(r as object), ...e }));
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === "date-time")
    return fc
      .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (s.format === "date")
    return fc
      .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (s.format === "email") return fc.emailAddress();
  if (s.format === "uri" || s.format === "url") return fc.webUrl();
  const max = Math.min(s.maxLength ?? 40, 40);
  if (s.pattern) {
    try {
      // lengths are not enforced here: an over-long match is one more invalid case for the schema to refuse
      return fc.stringMatching(new RegExp(s.pattern));
    } catch {
      // a pattern fast-check cannot invert: plain strings, which the schema will mostly refuse
    }
  }
  return fc.string({ minLength: Math.min(s.minLength ?? 0, max), maxLength: max });
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (ref === "#") return root;
  const name = ref.replace(/^#\/\$defs\//, "");
  return root.$defs?.[name] ?? {};
}
