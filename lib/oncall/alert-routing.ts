// Alertmanager-style label matching for routing alert groups to services. Pure: labels in, route out.

export const MATCHER_OPS = ["=", "!=", "=~", "!~"] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

/** One label matcher with Alertmanager semantics: a missing label is the empty string; regexes are anchored. */
export type LabelMatcher = { label: string; op: MatcherOp; value: string };

/** An ordered route: all matchers must hold (no matchers = match everything); `target` is opaque (a service slug). */
export type AlertRoute<T = string> = { matchers: LabelMatcher[]; target: T };

const cache = new Map<string, RegExp>();

/**
 * The anchored regex of a `=~` / `!~` matcher (`^(?:value)$`, like Alertmanager), or an error message when
 * the pattern does not compile. JavaScript regexes are close to Go's RE2 for the patterns used in routing.
 */
export function matcherRegex(value: string): RegExp | string {
  const hit = cache.get(value);
  if (hit) return hit;
  try {
    const re = new RegExp(`^(?:${value})$`);
    cache.set(value, re);
    return re;
  } catch (err) {
    return err instanceof Error ? err.message : "invalid regular expression";
  }
}

/** True when `labels` satisfy the matcher; a bad regex never matches. */
export function matches(labels: Record<string, string>, matcher: LabelMatcher): boolean {
  const actual = labels[matcher.label] ?? "";
  switch (matcher.op) {
    case "=":
      return actual === matcher.value;
    case "!=":
      return actual !== matcher.value;
    case "=~":
    case "!~": {
      const re = matcherRegex(matcher.value);
      if (typeof re === "string") return false;
      return re.test(actual) === (matcher.op === "=~");
    }
  }
}

/** The first route (in order) whose matchers all hold, with its index; null when none does. */
export function routeAlert<T>(
  routes: AlertRoute<T>[],
  labels: Record<string, string>,
): { index: number; target: T } | null {
  for (let index = 0; index < routes.length; index += 1) {
    const route = routes[index] as AlertRoute<T>;
    if (route.matchers.every((m) => matches(labels, m))) return { index, target: route.target };
  }
  return null;
}

/**
 * Labels a group is routed on: its group labels overlaid with the labels common to all its alerts (the
 * latter win; in Alertmanager payloads the group labels are a subset of the common labels anyway).
 */
export function routingLabels(payload: {
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
}): Record<string, string> {
  return { ...payload.groupLabels, ...payload.commonLabels };
}
