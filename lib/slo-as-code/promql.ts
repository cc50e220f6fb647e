import type { SyntaxNode } from "@lezer/common";
import { formatLe, type Sli } from "@/lib/slo";
import { formatPromqlError, parsePromql, promqlError, rootExpr } from "@/lib/promql/parse";
import { checkSeriesSelector } from "@/lib/promql/selector";

/**
 * srecp SLIs are counter SELECTORS (the engine wraps them in increase() over each window). Queries in
 * OpenSLO and Sloth files usually come wrapped: `sum(rate(http_requests_total{code=~"5.."}[5m]))` or, in
 * Sloth, with a `[{{.window}}]` placeholder. This reduces such a query to its selector when that is all
 * it is (sum / sum by / parentheses around rate / irate / increase of one selector), and says why not
 * otherwise.
 */
export type SelectorResult = { ok: true; selector: string } | { ok: false; reason: string };

// Sloth's `[{{.window}}]` range: replaced by a duration of the same length so positions stay those of the file.
const WINDOW_RANGE = /\[\s*\{\{\s*\.window\s*\}\}\s*\]/g;
const withoutWindowPlaceholder = (q: string) => q.replace(WINDOW_RANGE, (m) => `[${"5m".padStart(m.length - 2, "0")}]`);

const fail = (reason: string): SelectorResult => ({ ok: false, reason });
const REDUCIBLE =
  "cannot reduce it to one counter selector: srecp needs `metric{labels}`, optionally wrapped in sum(…) and rate/irate/increase(…[range]); no arithmetic, other functions, `or`, offsets or several metrics";
const COUNTER_FUNCTIONS: Record<string, string> = { Rate: "rate", Irate: "irate", Increase: "increase" };

/** The expression children of a node (the grammar's punctuation and modifiers are not expressions). */
function args(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling)
    if (!/^(AggregateOp|AggregateModifier|FunctionIdentifier|FunctionCallBody|LineComment)$/.test(c.name)) out.push(c);
  return out;
}

/**
 * Reduces a query to its counter selector, walking the parse tree from the root: parentheses, sum (with
 * by/without on either side) and rate/irate/increase over `selector[range]` are peeled off; anything else
 * is refused with the reason (parse errors with their line and column).
 */
export function toCounterSelector(query: string): SelectorResult {
  if (query.trim() === "") return fail("the query is empty");
  const text = withoutWindowPlaceholder(query);
  const parsed = parsePromql(text);
  if (!parsed.ok) return fail(formatPromqlError(parsed.error));
  let node = rootExpr(parsed.tree);
  for (let guard = 0; node && guard < 16; guard++) {
    if (node.name === "VectorSelector") {
      const selector = query.slice(node.from, node.to);
      if (selector.includes("{{"))
        return fail("template placeholders are only supported as the range of rate(): [{{.window}}]");
      return { ok: true, selector };
    }
    if (node.name === "ParenExpr") node = args(node)[0] ?? null;
    else if (node.name === "AggregateExpr" && node.getChild("AggregateOp")?.firstChild?.name === "Sum")
      node = args(node.getChild("FunctionCallBody")!)[0] ?? null;
    else if (
      node.name === "FunctionCall" &&
      COUNTER_FUNCTIONS[node.getChild("FunctionIdentifier")?.firstChild?.name ?? ""]
    ) {
      const fn = COUNTER_FUNCTIONS[node.getChild("FunctionIdentifier")!.firstChild!.name]!;
      const [arg, ...rest] = args(node.getChild("FunctionCallBody")!);
      if (!arg || rest.length || arg.name !== "MatrixSelector")
        return fail(`${fn}() needs a range vector such as metric{…}[5m]`);
      node = arg.getChild("VectorSelector");
    } else if (node.name === "OffsetExpr" || node.name === "StepInvariantExpr") {
      return fail(
        formatPromqlError(
          promqlError(
            text,
            node.from,
            "offsets and @ modifiers are not supported: the SLI counts events in each window as it is",
          ),
        ),
      );
    } else break;
  }
  return fail(REDUCIBLE);
}

/** Checks that `s` is exactly one instant-vector selector: `metric`, `metric{…}` or `{…}`. */
export const isSelector = (s: string): boolean => checkSeriesSelector(s).ok;

type Matcher = { name: string; op: string; value: string };

/** Splits the text inside `{…}` into matchers; null when it does not parse. */
export function parseMatchers(text: string): Matcher[] | null {
  const r = checkSeriesSelector(`{${text}}`);
  if (r.ok) return r.selector.matchers.map(({ name, op, value }) => ({ name, op, value }));
  // `{}` alone (or only empty-matching matchers) is not a valid selector, but is a valid empty matcher list.
  const named = checkSeriesSelector(`x{${text}}`);
  return named.ok ? named.selector.matchers.map(({ name, op, value }) => ({ name, op, value })) : null;
}

/** metric name and matcher text of a selector (`metric{a="b"}` → ["metric", 'a="b"']). */
export function splitSelector(selector: string): { metric: string; matchers: string } | null {
  const r = checkSeriesSelector(selector.trim());
  return r.ok && r.selector.metric ? { metric: r.selector.metric, matchers: r.selector.matchersText } : null;
}

const matcherSet = (ms: Matcher[]) =>
  ms
    .map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`)
    .sort()
    .join(",");

/**
 * A good/total pair that is a classic histogram bucket over its count (`x_bucket{…,le="0.3"}` over
 * `x_count{…}` with the same other matchers) is a latency SLI; anything else stays a ratio SLI.
 */
export function ratioOrLatency(sel: { good?: string; bad?: string; total: string }): Sli {
  if (sel.good !== undefined) {
    const good = splitSelector(sel.good);
    const total = splitSelector(sel.total);
    if (
      good &&
      total &&
      good.metric.endsWith("_bucket") &&
      total.metric === `${good.metric.slice(0, -"_bucket".length)}_count`
    ) {
      const gm = parseMatchers(good.matchers);
      const tm = parseMatchers(total.matchers);
      const le = gm?.filter((m) => m.name === "le");
      if (
        gm &&
        tm &&
        le?.length === 1 &&
        le[0]!.op === "=" &&
        Number.isFinite(Number(le[0]!.value)) &&
        Number(le[0]!.value) > 0
      ) {
        const threshold = Number(le[0]!.value);
        if (formatLe(threshold) === le[0]!.value && matcherSet(gm.filter((m) => m.name !== "le")) === matcherSet(tm)) {
          return {
            kind: "latency",
            metric: total.metric.slice(0, -"_count".length),
            matchers: total.matchers,
            thresholdSeconds: threshold,
          };
        }
      }
    }
    return { kind: "ratio", total: sel.total, good: sel.good };
  }
  return { kind: "ratio", total: sel.total, bad: sel.bad ?? "" };
}
