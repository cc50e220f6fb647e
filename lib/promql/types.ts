import type { EditorState } from "@codemirror/state";
import type { Tree } from "@lezer/common";
// The CommonJS build: it loads under Node, tsx (the CLI), Vitest and Next alike; the package has no exports map.
import { Parser } from "@prometheus-io/codemirror-promql/dist/cjs/parser";
import { parsePromql, promqlError, rootExpr, type PromqlError } from "./parse";

/**
 * Type checking of a whole PromQL expression (function argument types, binary operands, aggregations),
 * by codemirror-promql's Parser: the port of Prometheus' checkAST the editor's lint runs, so the server
 * and the wizard judge a query alike. Syntax comes first from parsePromql (lib/promql/parse.ts).
 */
export type PromqlType = "vector" | "scalar" | "matrix" | "string";
const TYPE_NAME: Record<PromqlType, string> = { vector: "an instant vector", scalar: "a scalar", matrix: "a range vector", string: "a string" };
export type ExpressionCheck = { ok: true; type: PromqlType } | { ok: false; error: PromqlError };

/**
 * The Parser reads only `syntaxTree(state)` (which is `state.field(Language.state).tree`) and
 * `state.sliceDoc`; this gives it our own lezer tree without building an editor. Guarded by
 * tests/unit/promql/types.test.ts.
 */
function stateFor(text: string, tree: Tree): EditorState {
  return { field: () => ({ tree }), sliceDoc: (from = 0, to = text.length) => text.slice(from, to) } as unknown as EditorState;
}

/** Parses and type-checks `text`; `expect` lists the result types the caller can use (default: any). */
export function checkPromqlExpression(text: string, expect: PromqlType[] = ["vector", "scalar", "matrix", "string"]): ExpressionCheck {
  const parsed = parsePromql(text);
  if (!parsed.ok) return parsed;
  const parser = new Parser(stateFor(text, parsed.tree));
  parser.analyze();
  const problem = parser.getDiagnostics().find((d) => d.severity === "error");
  if (problem) return { ok: false, error: promqlError(text, Math.min(problem.from, text.length), problem.message) };
  const root = rootExpr(parsed.tree)!;
  const type = parser.checkAST(root) as string;
  if (!expect.includes(type as PromqlType)) {
    return { ok: false, error: promqlError(text, root.from, `the expression is ${TYPE_NAME[type as PromqlType] ?? type}; expected ${expect.map((t) => TYPE_NAME[t]).join(" or ")}`) };
  }
  return { ok: true, type: type as PromqlType };
}
