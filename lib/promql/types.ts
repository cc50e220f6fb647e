import type { EditorState, StateField } from "@codemirror/state";
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
const TYPE_NAME: Record<PromqlType, string> = {
  vector: "an instant vector",
  scalar: "a scalar",
  matrix: "a range vector",
  string: "a string",
};
export type ExpressionCheck = { ok: true; type: PromqlType } | { ok: false; error: PromqlError };

/**
 * The members of EditorState that codemirror-promql's Parser reads: `syntaxTree(state)`, which is
 * `state.field(Language.state, false).tree`, and `state.sliceDoc`. Giving it just these hands it our own
 * lezer tree without building an editor (a real EditorState would also need the very copy of
 * @codemirror/language that the CommonJS Parser loads). Guarded by tests/unit/promql/types.test.ts.
 */
type ParserInput = {
  field(field: StateField<{ tree: Tree }>, require: false): { tree: Tree } | undefined;
  sliceDoc(from?: number, to?: number): string;
};
/**
 * An EditorState for the Parser's purposes. The overload states what the Parser is given; the
 * implementation builds only ParserInput, which EditorState satisfies (the compiler checks that much).
 */
function stateFor(text: string, tree: Tree): EditorState;
function stateFor(text: string, tree: Tree): ParserInput {
  return { field: () => ({ tree }), sliceDoc: (from = 0, to = text.length) => text.slice(from, to) };
}

/** Parses and type-checks `text`; `expect` lists the result types the caller can use (default: any). */
export function checkPromqlExpression(
  text: string,
  expect: PromqlType[] = ["vector", "scalar", "matrix", "string"],
): ExpressionCheck {
  const parsed = parsePromql(text);
  if (!parsed.ok) return parsed;
  const parser = new Parser(stateFor(text, parsed.tree));
  parser.analyze();
  const problem = parser.getDiagnostics().find((d) => d.severity === "error");
  if (problem) return { ok: false, error: promqlError(text, Math.min(problem.from, text.length), problem.message) };
  const root = rootExpr(parsed.tree)!;
  const type = parser.checkAST(root) as string;
  if (!expect.includes(type as PromqlType)) {
    return {
      ok: false,
      error: promqlError(
        text,
        root.from,
        `the expression is ${TYPE_NAME[type as PromqlType] ?? type}; expected ${expect.map((t) => TYPE_NAME[t]).join(" or ")}`,
      ),
    };
  }
  return { ok: true, type: type as PromqlType };
}
