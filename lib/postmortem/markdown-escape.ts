// Escaping for the Markdown export. Single-line fields (titles, names, timeline text, table cells) are
// treated as plain text: line breaks collapse to one space and raw HTML is neutralised. Section bodies are
// the author's own Markdown and are kept as written (line endings normalised); the renderer that turns
// Markdown into HTML must sanitise them.

const collapse = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

/** One-line plain text: no line breaks, `&`, `<` and `>` as HTML entities. */
export const escapeInline = (text: string): string =>
  collapse(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A GFM table cell: escapeInline plus backslashes and pipes escaped so the cell cannot split. */
export const escapeTableCell = (text: string): string =>
  escapeInline(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|");

/** A section body: CRLF/CR → LF, trailing whitespace trimmed; a placeholder when empty. */
export const normalizeBlock = (text: string, placeholder = "_Not provided._"): string => {
  const body = text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/^\n+|\s+$/g, "");
  return body === "" ? placeholder : body;
};

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
export const yamlString = (text: string): string => JSON.stringify(text);

/** A YAML flow sequence of double-quoted strings. */
export const yamlList = (items: readonly string[]): string => `[${items.map(yamlString).join(", ")}]`;
