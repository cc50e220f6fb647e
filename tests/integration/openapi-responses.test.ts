import { describe, expect, it } from "vitest";
import { jsonSchema, OPERATIONS } from "@/lib/openapi";

type Node = Record<string, unknown>;

/**
 * Paths inside a JSON Schema that accept anything without saying why: `{}` (z.unknown(), a record's
 * unknown values, or something JSON Schema cannot express such as a Date). Allowed only under a
 * description, which is how a view marks a genuinely free-form user JSON field.
 */
function undescribedAnything(node: unknown, at = "", described = false): string[] {
  if (!node || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => undescribedAnything(n, `${at}[${i}]`, described));
  const n = node as Node;
  const here = described || typeof n.description === "string";
  const keys = Object.keys(n).filter((k) => k !== "description");
  if (!keys.length) return here ? [] : [at || "(body)"];
  if (n.type === "object" && !n.properties && !n.additionalProperties && !n.patternProperties && !here)
    return [at || "(body)"];
  const out: string[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (k === "properties" && v && typeof v === "object")
      for (const [p, s] of Object.entries(v as Node)) out.push(...undescribedAnything(s, at ? `${at}.${p}` : p, false));
    else if (k === "items") out.push(...undescribedAnything(v, `${at}[]`, false));
    else if (k === "additionalProperties") out.push(...undescribedAnything(v, `${at}{}`, here));
    else if (k === "anyOf" || k === "oneOf" || k === "allOf" || k === "prefixItems")
      out.push(...undescribedAnything(v, at, here));
  }
  return out;
}

// Issue 15: every operation says what it answers, with a schema the response check
// (SRECP_CHECK_RESPONSES, lib/openapi/response-check.ts) can hold the handler to.
describe("OpenAPI responses", () => {
  it("every operation documents its 2xx response: a real JSON schema, a non-JSON content type, or 204", () => {
    const missing: string[] = [];
    for (const o of OPERATIONS) {
      const r = o.response ?? {};
      const label = `${o.method} ${o.path}`;
      if (r.status === 204) {
        if (r.schema) missing.push(`${label}: 204 has no body, drop the schema`);
        continue;
      }
      if (r.contentType && r.contentType !== "application/json") continue;
      if (!r.schema) {
        missing.push(`${label}: no response schema`);
        continue;
      }
      const loose = undescribedAnything(jsonSchema(r.schema));
      if (loose.length) missing.push(`${label}: free-form without a description at ${loose.join(", ")}`);
    }
    expect(
      missing,
      `Responses to document (lib/validation/views/<area>.ts, lib/openapi/routes/<area>.ts):\n  ${missing.join("\n  ")}\n`,
    ).toEqual([]);
  });
});
