import { formatLe, type Sli } from "@/lib/slo";

/**
 * srecp SLIs are counter SELECTORS (the engine wraps them in increase() over each window). Queries in
 * OpenSLO and Sloth files usually come wrapped: `sum(rate(http_requests_total{code=~"5.."}[5m]))` or, in
 * Sloth, with a `[{{.window}}]` placeholder. This reduces such a query to its selector when that is all
 * it is (sum / sum by / parentheses around rate / irate / increase of one selector), and says why not
 * otherwise.
 */
export type SelectorResult = { ok: true; selector: string } | { ok: false; reason: string };

const CLOSE: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const WINDOW_PLACEHOLDER = /^\{\{\s*\.window\s*\}\}$/;

/** Index just past the string literal that starts at `i` (", ' or `), or -1 when unterminated. */
function skipString(s: string, i: number): number {
  const quote = s[i]!;
  for (let j = i + 1; j < s.length; j++) {
    if (quote !== "`" && s[j] === "\\") j++;
    else if (s[j] === quote) return j + 1;
  }
  return -1;
}

/** Index of the bracket closing the one at `open`, skipping string literals; -1 when unbalanced. */
export function matchingBracket(s: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const end = skipString(s, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (CLOSE[c]) stack.push(CLOSE[c]);
    else if (c === ")" || c === "]" || c === "}") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

const fail = (reason: string): SelectorResult => ({ ok: false, reason });

/** The `[range]` at the end of a range-vector expression: its start index, or -1. */
function trailingRange(s: string): number {
  for (let i = s.lastIndexOf("["); i >= 0; i = s.lastIndexOf("[", i - 1)) {
    if (matchingBracket(s, i) === s.length - 1) return i;
    if (i === 0) break;
  }
  return -1;
}

/** Checks that `s` is exactly one instant-vector selector: `metric`, `metric{…}` or `{…}`. */
export function isSelector(s: string): boolean {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(\{)?/.exec(s);
  if (!m || (!m[1] && !m[2])) return false;
  if (!m[2]) return m[0].trim().length === s.length;
  const open = m[0].length - 1;
  const close = matchingBracket(s, open);
  return close === s.length - 1 && !s.slice(open, close).includes("{{");
}

export function toCounterSelector(query: string): SelectorResult {
  let s = query.trim();
  if (!s) return fail("the query is empty");
  for (let guard = 0; guard < 16; guard++) {
    if (s.startsWith("(")) {
      const close = matchingBracket(s, 0);
      if (close < 0) return fail("unbalanced parentheses");
      if (close !== s.length - 1) break;
      s = s.slice(1, -1).trim();
      continue;
    }
    const agg = /^sum\s*(?:(?:by|without)\s*\([^()]*\)\s*)?\(/.exec(s);
    if (agg) {
      const open = agg[0].length - 1;
      const close = matchingBracket(s, open);
      if (close < 0) return fail("unbalanced parentheses");
      const rest = s.slice(close + 1).trim();
      if (rest !== "" && !/^(by|without)\s*\([^()]*\)$/.test(rest)) break;
      s = s.slice(open + 1, close).trim();
      continue;
    }
    const fn = /^(rate|irate|increase)\s*\(/.exec(s);
    if (fn) {
      const open = fn[0].length - 1;
      const close = matchingBracket(s, open);
      if (close !== s.length - 1) break;
      const inner = s.slice(open + 1, close).trim();
      const r = trailingRange(inner);
      if (r < 0) return fail(`${fn[1]}() needs a range vector such as metric{…}[5m]`);
      const range = inner.slice(r + 1, -1).trim();
      if (!DURATION.test(range) && !WINDOW_PLACEHOLDER.test(range)) return fail(`unsupported range [${range}] (use a duration or {{.window}})`);
      s = inner.slice(0, r).trim();
      continue;
    }
    break;
  }
  if (!isSelector(s)) {
    if (s.includes("{{") && isSelector(s.replace(/\{\{[^{}]*\}\}/g, "x"))) return fail("template placeholders are only supported as the range of rate(): [{{.window}}]");
    return fail("cannot reduce it to one counter selector: srecp needs `metric{labels}`, optionally wrapped in sum(…) and rate/irate/increase(…[range]); no arithmetic, other functions, `or`, offsets or several metrics");
  }
  return { ok: true, selector: s };
}

type Matcher = { name: string; op: string; value: string };

/** Splits the text inside `{…}` into matchers; null when it does not parse. */
export function parseMatchers(text: string): Matcher[] | null {
  const out: Matcher[] = [];
  let i = 0;
  const t = text.trim();
  while (i < t.length) {
    const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*/.exec(t.slice(i));
    if (!m) return null;
    i += m[0].length;
    if (t[i] !== '"' && t[i] !== "'" && t[i] !== "`") return null;
    const end = skipString(t, i);
    if (end < 0) return null;
    let value: string;
    try {
      value = t[i] === "`" ? t.slice(i + 1, end - 1) : JSON.parse(t[i] === "'" ? `"${t.slice(i + 1, end - 1).replace(/"/g, '\\"')}"` : t.slice(i, end));
    } catch {
      return null;
    }
    out.push({ name: m[1]!, op: m[2]!, value });
    i = end;
    const sep = /^\s*(,\s*)?/.exec(t.slice(i))!;
    i += sep[0].length;
    if (!sep[1] && i < t.length) return null;
  }
  return out;
}

/** metric name and matcher text of a selector (`metric{a="b"}` → ["metric", 'a="b"']). */
export function splitSelector(selector: string): { metric: string; matchers: string } | null {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{([\s\S]*)\})?$/.exec(selector.trim());
  return m ? { metric: m[1]!, matchers: (m[2] ?? "").trim() } : null;
}

const matcherSet = (ms: Matcher[]) => ms.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).sort().join(",");

/**
 * A good/total pair that is a classic histogram bucket over its count (`x_bucket{…,le="0.3"}` over
 * `x_count{…}` with the same other matchers) is a latency SLI; anything else stays a ratio SLI.
 */
export function ratioOrLatency(sel: { good?: string; bad?: string; total: string }): Sli {
  if (sel.good !== undefined) {
    const good = splitSelector(sel.good);
    const total = splitSelector(sel.total);
    if (good && total && good.metric.endsWith("_bucket") && total.metric === `${good.metric.slice(0, -"_bucket".length)}_count`) {
      const gm = parseMatchers(good.matchers);
      const tm = parseMatchers(total.matchers);
      const le = gm?.filter((m) => m.name === "le");
      if (gm && tm && le?.length === 1 && le[0]!.op === "=" && Number.isFinite(Number(le[0]!.value)) && Number(le[0]!.value) > 0) {
        const threshold = Number(le[0]!.value);
        if (formatLe(threshold) === le[0]!.value && matcherSet(gm.filter((m) => m.name !== "le")) === matcherSet(tm)) {
          return { kind: "latency", metric: total.metric.slice(0, -"_count".length), matchers: total.matchers, thresholdSeconds: threshold };
        }
      }
    }
    return { kind: "ratio", total: sel.total, good: sel.good };
  }
  return { kind: "ratio", total: sel.total, bad: sel.bad ?? "" };
}
