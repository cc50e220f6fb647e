import type { SyntaxNode } from "@lezer/common";
import {
  formatPromqlError,
  matchersOf,
  parsePromql,
  promqlError,
  rootExpr,
  type Matcher,
  type PromqlError,
} from "./parse";

/**
 * SLI fields hold one series SELECTOR (`metric{label="value"}`): the rule templates wrap it in
 * `increase(<selector>[<window>])`, which Prometheus accepts only for a plain vector selector — no
 * function, aggregation, operator, range, offset or `@`. This checks exactly that with the parser.
 */
/** `matchersText` is the text inside the braces as written (trimmed), e.g. `code="200",service="a"`. */
export type SeriesSelector = { metric: string | null; matchers: Matcher[]; matchersText: string; text: string };
export type SelectorCheck = { ok: true; selector: SeriesSelector } | { ok: false; error: PromqlError; message: string };

// Names of the node kinds a user would recognise, for "got a …" messages.
const KIND: Record<string, string> = {
  MatrixSelector: "range vector (drop the [range]: srecp adds increase() and the window)",
  FunctionCall: "function call (give the counter itself: srecp adds increase() and the window)",
  AggregateExpr: "aggregation (give the counter itself: srecp sums it)",
  BinaryExpr: "binary expression (one selector per field: use the good or bad field for the other side)",
  OffsetExpr: "selector with offset",
  StepInvariantExpr: "selector with @",
  SubqueryExpr: "subquery",
  NumberDurationLiteral: "number",
  StringLiteral: "string",
  ParenExpr: "parenthesised expression",
  UnaryExpr: "unary expression",
};

const failed = (error: PromqlError): SelectorCheck => ({ ok: false, error, message: formatPromqlError(error) });

export function selectorOf(text: string, node: SyntaxNode): SeriesSelector {
  const id = node.getChild("Identifier");
  const braces = node.getChild("LabelMatchers");
  const matchersText = braces ? text.slice(braces.from + 1, braces.to - 1).trim() : "";
  return {
    metric: id ? text.slice(id.from, id.to) : null,
    matchers: matchersOf(text, node),
    matchersText,
    text: text.slice(node.from, node.to),
  };
}

/** Checks that `text` is exactly one instant-vector selector; the parse error or what it is instead otherwise. */
export function checkSeriesSelector(text: string): SelectorCheck {
  const parsed = parsePromql(text);
  if (!parsed.ok) return failed(parsed.error);
  const root = rootExpr(parsed.tree)!;
  if (root.name !== "VectorSelector") {
    return failed(
      promqlError(
        text,
        root.from,
        `must be one series selector such as metric{label="value"}, got a ${KIND[root.name] ?? "complex expression"}`,
      ),
    );
  }
  return { ok: true, selector: selectorOf(text, root) };
}
