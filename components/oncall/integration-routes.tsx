// Alert routing of integrations, written the way Prometheus writes label matchers:
// `severity="page", team=~"db.*"` ⇄ [{label, op, value}]. Pure (no "use client"): pages and forms share it.

export type MatcherOp = "=" | "!=" | "=~" | "!~";
export type Matcher = { label: string; op: MatcherOp; value: string };
export type IntegrationRoute = { matchers: Matcher[]; service: string };
export type ParsedMatchers = { ok: true; matchers: Matcher[] } | { ok: false; error: string };

const OPS: MatcherOp[] = ["=~", "!~", "!=", "="]; // longest first
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parses `a="x", b=~"y.*"` (braces optional, values quoted or bare); an error says where it broke. */
export function parseMatchers(text: string): ParsedMatchers {
  let s = text.trim();
  if (s.startsWith("{") && s.endsWith("}")) s = s.slice(1, -1);
  const out: Matcher[] = [];
  let i = 0;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const fail = (error: string): ParsedMatchers => ({ ok: false, error });
  skip();
  while (i < s.length) {
    const name = LABEL.exec(s.slice(i));
    if (!name) return fail(`expected a label name at character ${i + 1} (near "${s.slice(i, i + 12)}")`);
    const label = name[0];
    i += label.length;
    skip();
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) return fail(`expected =, !=, =~ or !~ after "${label}"`);
    i += op.length;
    skip();
    let value = "";
    if (s[i] === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const c = s[i]!;
        if (c === "\\" && i + 1 < s.length) {
          const n = s[i + 1]!;
          value += n === "n" ? "\n" : n === "t" ? "\t" : n;
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return fail(`the value of "${label}" has no closing quote`);
    } else {
      const end = s.indexOf(",", i);
      value = s.slice(i, end === -1 ? s.length : end).trim();
      if (!value) return fail(`expected a value after ${label}${op}`);
      if (/[\s"]/.test(value)) return fail(`the value of "${label}" must be quoted: ${label}${op}"…"`);
      i += s.slice(i, end === -1 ? s.length : end).length;
    }
    if (op === "=~" || op === "!~") {
      try {
        new RegExp(`^(?:${value})$`);
      } catch (err) {
        return fail(`the value of "${label}" is not a valid regular expression: ${(err as Error).message}`);
      }
    }
    out.push({ label, op, value });
    skip();
    if (i >= s.length) break;
    if (s[i] !== ",") return fail(`expected "," after ${label}${op}"${value}"`);
    i++;
    skip();
  }
  return { ok: true, matchers: out };
}

export const formatMatchers = (matchers: Matcher[]): string =>
  matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(", ");

/** One route as a line: `severity="page", team=~"db.*" → checkout`. */
export const formatRoute = (r: IntegrationRoute): string =>
  `${r.matchers.length ? formatMatchers(r.matchers) : "all alerts"} → ${r.service}`;

/** Ordered routes of an integration, first match wins. */
export function RoutesSummary({ routes }: { routes: IntegrationRoute[] }) {
  if (!routes.length) return <span className="muted">none</span>;
  return (
    <ol style={{ margin: 0, paddingLeft: 18 }}>
      {routes.map((r, i) => (
        <li key={i}>
          <code>{formatRoute(r)}</code>
        </li>
      ))}
    </ol>
  );
}
