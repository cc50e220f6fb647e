// The one CSV writer (SLO overview export, team report export). RFC 4180: comma separated, CRLF line
// ends, a field is quoted when it holds a comma, a double quote, CR or LF, and quotes inside are doubled.
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a text cell starting with = + - @, tab or
// CR as a formula (=HYPERLINK(...) exfiltrates, =cmd|... runs programs), so such text gets a leading
// apostrophe, which spreadsheets show as plain text. Numbers are real numbers and stay bare, negative
// ones included; only text is defused.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: empty for null/undefined/non-finite numbers, defused when text looks like a formula, quoted when needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: the header row, then one line per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
