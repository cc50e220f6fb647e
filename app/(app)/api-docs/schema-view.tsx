import type { ReactNode } from "react";

/** Renders a JSON Schema (2020-12, as in the OpenAPI document) as a readable field tree. Server component. */
type Schema = Record<string, unknown>;

const asSchema = (v: unknown): Schema => (v && typeof v === "object" ? (v as Schema) : {});

/** "string (2–63 chars)", "integer 1–4", "one of: a, b", … */
export function typeLabel(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  const types = Array.isArray(s.type) ? (s.type as string[]).join(" | ") : typeof s.type === "string" ? s.type : "";
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (!types && variants) return variants.map((v) => typeLabel(asSchema(v))).join(" | ");
  if (types === "array") return `array of ${typeLabel(asSchema(s.items))}`;
  const parts = [types || "any"];
  if (typeof s.format === "string") parts.push(`(${s.format})`);
  const range = (lo: unknown, hi: unknown, unit = "") =>
    lo !== undefined && hi !== undefined
      ? `${lo}–${hi}${unit}`
      : lo !== undefined
        ? `≥ ${lo}${unit}`
        : hi !== undefined
          ? `≤ ${hi}${unit}`
          : "";
  const len = range(s.minLength, s.maxLength, " chars");
  const num = range(s.minimum ?? s.exclusiveMinimum, s.maximum ?? s.exclusiveMaximum);
  if (len) parts.push(len);
  if (num) parts.push(num);
  return parts.join(" ");
}

function Notes({ s }: { s: Schema }) {
  const notes: ReactNode[] = [];
  if (typeof s.description === "string") notes.push(<span key="d">{s.description}</span>);
  if (s.default !== undefined)
    notes.push(
      <span key="def" className="muted">
        {" "}
        default <code>{JSON.stringify(s.default)}</code>
      </span>,
    );
  if (typeof s.pattern === "string" && s.pattern.length <= 80 && s.format === undefined)
    notes.push(
      <span key="p" className="muted">
        {" "}
        pattern <code>{s.pattern}</code>
      </span>,
    );
  return notes.length ? <span className="schema-notes">{notes}</span> : null;
}

export function SchemaView({ schema, depth = 0 }: { schema: unknown; depth?: number }) {
  const s = asSchema(schema);
  const props = asSchema(s.properties);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (depth > 6) return <span className="muted">…</span>;
  if (Object.keys(props).length) {
    return (
      <ul className="schema-fields">
        {Object.entries(props).map(([name, child]) => {
          const c = asSchema(child);
          return (
            <li key={name}>
              <code className="schema-name">{name}</code>
              {required.has(name) ? (
                <span className="schema-required" title="required">
                  {" "}
                  *
                </span>
              ) : null}{" "}
              <span className="schema-type">{typeLabel(c)}</span> <Notes s={c} />
              <SchemaChildren schema={c} depth={depth + 1} />
            </li>
          );
        })}
      </ul>
    );
  }
  if (variants && variants.some((v) => Object.keys(asSchema(asSchema(v).properties)).length)) {
    return (
      <ol className="schema-variants">
        {variants.map((v, i) => (
          <li key={i}>
            <span className="muted">variant {i + 1}</span>
            <SchemaView schema={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <p className="schema-leaf">
      <span className="schema-type">{typeLabel(s)}</span> <Notes s={s} />
    </p>
  );
}

/** Nested objects, arrays of objects and unions of objects under a field. */
function SchemaChildren({ schema, depth }: { schema: Schema; depth: number }) {
  const item = asSchema(schema.items);
  const target = Object.keys(asSchema(schema.properties)).length
    ? schema
    : Object.keys(asSchema(item.properties)).length
      ? item
      : null;
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (target) return <SchemaView schema={target} depth={depth} />;
  if (variants?.some((v) => Object.keys(asSchema(asSchema(v).properties)).length))
    return <SchemaView schema={{ anyOf: variants }} depth={depth} />;
  const extra = asSchema(schema.additionalProperties);
  if (schema.type === "object" && Object.keys(extra).length)
    return <span className="muted small"> (map of {typeLabel(extra)})</span>;
  return null;
}
