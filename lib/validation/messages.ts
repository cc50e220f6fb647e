import { z } from "zod";

// Messages a person reads under a form field or in a 422's `fields` (issue 11 item 15): phrased to follow
// the field's label ("Name must be at most 63 characters"), never zod's defaults ("Too big: expected
// string to have <=63 characters"). Installed once with z.config; a schema's own message still wins.

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
  bigint: "a whole number",
  null: "empty",
};

const FORMAT_WORDS: Record<string, string> = {
  email: "an e-mail address",
  url: "a URL",
  datetime: "a date and time such as 2026-12-02T10:00:00Z",
  date: "a date such as 2026-12-02",
  time: "a time such as 10:00",
  uuid: "a UUID",
  duration: "an ISO 8601 duration",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  cidrv4: "an IPv4 range",
  cidrv6: "an IPv6 range",
};

const fmt = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const list = (values: readonly unknown[]) => {
  const shown = values.slice(0, 8).map((v) => (typeof v === "string" ? `"${v}"` : fmt(v)));
  return values.length > 8 ? `${shown.join(", ")}, …` : shown.join(", ");
};

function bound(
  issue: Issue & { origin?: string; inclusive?: boolean; exact?: boolean },
  n: unknown,
  dir: "max" | "min",
): string {
  const origin = issue.origin;
  if (origin === "string") {
    if (dir === "min" && Number(n) === 1) return "is required";
    return issue.exact
      ? `must be exactly ${fmt(n)} characters`
      : `must be at ${dir === "max" ? "most" : "least"} ${fmt(n)} characters`;
  }
  if (origin === "array" || origin === "set") {
    if (dir === "min" && Number(n) === 1) return "must have at least one item";
    return `must have at ${dir === "max" ? "most" : "least"} ${fmt(n)} items`;
  }
  if (origin === "date") return dir === "max" ? `must be on or before ${fmt(n)}` : `must be on or after ${fmt(n)}`;
  if (issue.inclusive === false) return dir === "max" ? `must be less than ${fmt(n)}` : `must be more than ${fmt(n)}`;
  return `must be at ${dir === "max" ? "most" : "least"} ${fmt(n)}`;
}

/** The message for one zod issue, or undefined to keep zod's own. */
export function humanIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_big":
      return bound(issue, issue.maximum, "max");
    case "too_small":
      return bound(issue, issue.minimum, "min");
    case "invalid_format":
      return issue.format === "regex"
        ? "has an invalid format"
        : `must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`;
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${list(issue.values)}` : `must be one of ${list(issue.values)}`;
    case "not_multiple_of":
      return `must be a multiple of ${fmt(issue.divisor)}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length > 1 ? "s" : ""} ${list(issue.keys)}`;
    case "invalid_union":
      return "has an invalid value";
    case "invalid_key":
    case "invalid_element":
      return "has an invalid entry";
    default:
      return undefined;
  }
}

z.config({ customError: humanIssueMessage });
