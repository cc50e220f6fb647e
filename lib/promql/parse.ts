import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode, Tree } from "@lezer/common";

/**
 * PromQL parsed on our side with Prometheus' own lezer grammar (the one the editor uses), so a query is
 * judged the same with or without a Prometheus to ask. Pure: no I/O, safe in the browser.
 * Lezer never throws on bad input; it inserts error nodes (⚠) and recovers, so an expression is valid
 * only when its tree has none. A few rules Prometheus enforces after parsing (non-empty selector,
 * metric name set once, regex syntax) are checked here too, because they would fail `promtool check rules`.
 */
export type PromqlError = { message: string; line: number; column: number; offset: number };
export type ParsedPromql = { ok: true; tree: Tree; text: string } | { ok: false; error: PromqlError };

/** 1-based line and column of `offset` in `text`, as Prometheus reports positions (`2:7:`). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** "line 1, column 29: unexpected …": the form used in field messages. */
export const formatPromqlError = (e: PromqlError): string => `line ${e.line}, column ${e.column}: ${e.message}`;

export function promqlError(text: string, offset: number, message: string): PromqlError {
  return { message, offset, ...positionOf(text, offset) };
}

// What an error inside each construct most likely misses; keyed by the parent node of the ⚠ node.
const CONTEXT: Record<string, string> = {
  LabelMatchers: 'in label matchers (expected label="value" or a closing })',
  UnquotedLabelMatcher: 'in a label matcher (expected a quoted value, e.g. label="value")',
  QuotedLabelMatcher: "in a label matcher (expected a quoted value)",
  FunctionCallBody: "in the arguments (expected an expression or a closing parenthesis)",
  GroupingLabels: "in the label list (expected label names and a closing parenthesis)",
  MatrixSelector: "in the range (expected a duration such as 5m and a closing ])",
  SubqueryExpr: "in the subquery range (expected durations such as [1h:5m])",
  BinaryExpr: "after an operator (expected an operand)",
};

function describeError(text: string, node: SyntaxNode): PromqlError {
  // Zero-length error nodes mark a missing token: point at what comes next instead.
  const skip = /\s*/y;
  skip.lastIndex = node.from;
  skip.exec(text);
  const at = node.to > node.from ? node.from : skip.lastIndex;
  const found = node.to > node.from ? text.slice(node.from, node.to) : text.slice(at, at + 1);
  const what =
    at >= text.length || found === ""
      ? "unexpected end of input"
      : `unexpected ${JSON.stringify(found.length > 20 ? `${found.slice(0, 20)}…` : found)}`;
  const context = node.parent ? CONTEXT[node.parent.name] : undefined;
  return promqlError(text, Math.min(at, text.length), `parse error: ${what}${context ? ` ${context}` : ""}`);
}

/** The value of a PromQL string literal ("…" and '…' with Go escapes, `…` raw). */
export function stringValue(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  const asJson = quote === "'" ? body.replace(/\\'/g, "'").replace(/"/g, '\\"') : body;
  try {
    return JSON.parse(`"${asJson}"`) as string;
  } catch {
    return body; // Go escapes JSON lacks (\a, \x41, octal): good enough for comparisons
  }
}

export type Matcher = { name: string; op: "=" | "!=" | "=~" | "!~"; value: string; from: number };

/** The matchers of a VectorSelector node, in source order. */
export function matchersOf(text: string, selector: SyntaxNode): Matcher[] {
  const out: Matcher[] = [];
  const list = selector.getChild("LabelMatchers");
  for (let m = list?.firstChild ?? null; m; m = m.nextSibling) {
    if (m.name !== "UnquotedLabelMatcher" && m.name !== "QuotedLabelMatcher") continue;
    const name = m.getChild("LabelName") ?? m.getChild("QuotedLabelName");
    const op = m.getChild("MatchOp");
    const value = m.getChild("StringLiteral", "MatchOp");
    if (!name || !op || !value) continue;
    const nameText = text.slice(name.from, name.to);
    out.push({
      name: name.name === "LabelName" ? nameText : stringValue(nameText),
      op: text.slice(op.from, op.to) as Matcher["op"],
      value: stringValue(text.slice(value.from, value.to)),
      from: m.from,
    });
  }
  return out;
}

/** Go RE2 named groups `(?P<x>…)` in JS syntax; the rest of RE2 that rules use is shared. */
const toJsRegex = (re: string): RegExp => new RegExp(`^(?:${re.replace(/\(\?P</g, "(?<")})$`, "u");

function matchesEmpty(m: Matcher): boolean {
  if (m.op === "=") return m.value === "";
  if (m.op === "!=") return m.value !== "";
  const empty = toJsRegex(m.value).test("");
  return m.op === "=~" ? empty : !empty;
}

/** Checks Prometheus applies to each vector selector after parsing (promql/parser/parse.go). */
function checkSelector(text: string, node: SyntaxNode): PromqlError | null {
  if (
    node.getChild("LabelMatchers")?.getChild("QuotedLabelName") ||
    node.getChild("LabelMatchers")?.getChild("QuotedLabelMatcher")
  ) {
    return promqlError(
      text,
      node.from,
      'parse error: quoted metric or label names need Prometheus 3; use metric{label="value"}',
    );
  }
  const matchers = matchersOf(text, node);
  for (const m of matchers) {
    if (m.op !== "=~" && m.op !== "!~") continue;
    try {
      toJsRegex(m.value);
    } catch {
      return promqlError(
        text,
        m.from,
        `parse error: invalid regular expression ${JSON.stringify(m.value)} for label ${m.name}`,
      );
    }
  }
  const named = node.getChild("Identifier") !== null;
  if (named && matchers.some((m) => m.name === "__name__"))
    return promqlError(text, node.from, "parse error: metric name must not be set twice");
  if (!named && matchers.every(matchesEmpty))
    return promqlError(text, node.from, "parse error: vector selector must contain at least one non-empty matcher");
  return null;
}

/** Parses `text`; the first syntax error (with its 1-based line and column) when it is not valid PromQL. */
export function parsePromql(text: string): ParsedPromql {
  if (text.split("\n").every((line) => /^\s*(#.*)?$/.test(line)))
    return { ok: false, error: promqlError(text, 0, "the expression is empty") };
  const tree = parser.parse(text);
  let error: PromqlError | null = null;
  tree.iterate({
    enter(ref) {
      if (error) return false;
      if (ref.type.isError) error = describeError(text, ref.node);
      else if (ref.name === "VectorSelector") error = checkSelector(text, ref.node);
      return error ? false : undefined;
    },
  });
  if (error) return { ok: false, error };
  if (!rootExpr(tree)) return { ok: false, error: promqlError(text, 0, "the expression is empty") };
  return { ok: true, tree, text };
}

/** The root expression node of a parsed query (comments skipped). */
export function rootExpr(tree: Tree): SyntaxNode | null {
  for (let n = tree.topNode.firstChild; n; n = n.nextSibling) if (n.name !== "LineComment") return n;
  return null;
}
