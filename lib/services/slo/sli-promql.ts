import "server-only";
import { checkSeriesSelector } from "@/lib/promql/selector";
import { SloDefinitionError, sliSelectors, type Sli } from "@/lib/slo";

/** Each selector of a (non-timeslice) SLI with the field it comes from; null where the SLI has none. */
export function selectorFields(sli: Sli, selectors: ReturnType<typeof sliSelectors>): [string, string | null][] {
  return sli.kind === "ratio"
    ? [
        ["sli.total", selectors.total],
        ["sli.good", selectors.good],
        ["sli.bad", selectors.bad],
      ]
    : [[sli.kind === "boolGauge" ? "sli.metric" : "sli.matchers", selectors.total]];
}

/**
 * What is wrong with an SLI's PromQL, by field (`sli.total`, `sli.good`, `sli.bad`, `sli.matchers`, …);
 * empty when every selector parses as one series selector (lib/promql). Saves check this through the
 * schema and validate-sli.ts; sign-off and the served rule files check it again because a definition
 * stored by an older release may predate the parser.
 */
export function sliPromqlProblems(sli: Sli): Record<string, string> {
  if (sli.kind === "timeslice") {
    // The slice fields first (lib/slo), then the judged SLI's selectors, named under sli.of.
    try {
      sliSelectors({ ...sli, of: { kind: "boolGauge", metric: "up" } });
    } catch (err) {
      if (err instanceof SloDefinitionError) return { [err.field]: err.message.replace(`${err.field}: `, "") };
      throw err;
    }
    return Object.fromEntries(
      Object.entries(sliPromqlProblems(sli.of)).map(([f, m]) => [f.replace(/^sli\./, "sli.of."), m]),
    );
  }
  let selectors: ReturnType<typeof sliSelectors>;
  try {
    selectors = sliSelectors(sli);
  } catch (err) {
    if (err instanceof SloDefinitionError) return { [err.field]: err.message.replace(`${err.field}: `, "") };
    throw err;
  }
  const fields: Record<string, string> = {};
  for (const [field, selector] of selectorFields(sli, selectors)) {
    const r = selector === null ? null : checkSeriesSelector(selector);
    if (r && !r.ok) fields[field] = r.message;
  }
  return fields;
}
