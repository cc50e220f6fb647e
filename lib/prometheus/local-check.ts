/** Outcome of a PromQL syntax check. */
export type PromqlCheck = { ok: true } | { ok: false; message: string };

const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const NAMES: Record<string, string> = { "(": "parenthesis", "[": "bracket", "{": "brace" };

// Tokens that need a right-hand operand; an expression may not end with one of them.
const TRAILING_SYMBOLS = ["==", "!=", ">=", "<=", "=~", "!~", "+", "-", "*", "/", "%", "^", ">", "<", "=", ","];
const TRAILING_WORDS = new Set(["and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "atan2"]);

/**
 * Cheap local PromQL sanity check for when Prometheus is unreachable. It catches the common typos
 * (empty input, unbalanced ()/[]/{}, unterminated strings, a dangling operator) but is NOT a parser:
 * `ok: true` only means "nothing obviously wrong". Positions in messages are 1-based columns of the
 * whole input, like Prometheus' `1:34`-style positions on single-line input.
 */
export const localPromqlCheck = (expr: string): PromqlCheck => {
  if (expr.trim() === "") return { ok: false, message: "empty expression" };
  const stack: { char: string; position: number }[] = [];
  let code = ""; // the expression with strings and comments removed, for the trailing-operator check
  for (let i = 0; i < expr.length; i++) {
    const char = expr.charAt(i);
    if (char === '"' || char === "'" || char === "`") {
      const close = findStringEnd(expr, i);
      if (close < 0) return { ok: false, message: `unterminated quoted string starting at position ${i + 1}` };
      code += '""';
      i = close;
      continue;
    }
    if (char === "#") {
      const newline = expr.indexOf("\n", i);
      i = newline < 0 ? expr.length : newline;
      code += " ";
      continue;
    }
    code += char;
    if (char === "(" || char === "[" || char === "{") {
      stack.push({ char, position: i + 1 });
    } else if (char in CLOSERS) {
      const open = stack.pop();
      const expected = CLOSERS[char];
      if (!open) return { ok: false, message: `unexpected right ${NAMES[expected ?? "("]} "${char}" at position ${i + 1}` };
      if (open.char !== expected) {
        return { ok: false, message: `unclosed left ${NAMES[open.char]} at position ${open.position}: found "${char}" at position ${i + 1}` };
      }
    }
  }
  const unclosed = stack.pop();
  if (unclosed) return { ok: false, message: `unclosed left ${NAMES[unclosed.char]} at position ${unclosed.position}` };

  const trimmed = code.trimEnd();
  if (trimmed === "") return { ok: false, message: "empty expression" };
  const symbol = TRAILING_SYMBOLS.find((s) => trimmed.endsWith(s));
  if (symbol) return { ok: false, message: `expression ends with operator "${symbol}"` };
  const lastWord = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(trimmed)?.[1];
  if (lastWord && TRAILING_WORDS.has(lastWord) && /[\s)}\]]/.test(trimmed.charAt(trimmed.length - lastWord.length - 1))) {
    return { ok: false, message: `expression ends with keyword "${lastWord}"` };
  }
  return { ok: true };
};

/** Index of the closing quote of the string opened at `start`, or -1. Backticks have no escapes. */
const findStringEnd = (expr: string, start: number): number => {
  const quote = expr.charAt(start);
  for (let i = start + 1; i < expr.length; i++) {
    const char = expr.charAt(i);
    if (char === "\\" && quote !== "`") {
      i++;
      continue;
    }
    if (char === "\n" && quote !== "`") return -1;
    if (char === quote) return i;
  }
  return -1;
};
