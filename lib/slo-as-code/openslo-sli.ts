import type { Sli } from "@/lib/slo";
import { ratioOrLatency, toCounterSelector } from "./promql";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

// OpenSLO indicators (SLI specs) → srecp SLIs, for the OpenSLO import (openslo-import.ts): ratioMetric
// counters with Prometheus queries, or a 0/1 gauge; everything else is refused with the reason.

/** A value and the document it stands in (an SLO's inline indicator, or a separate SLI document). */
export type Located = { doc: YamlDoc; path: Path };

/** The SLI's spec: inline under spec.indicator, or the SLI document named by spec.indicatorRef. */
export function indicatorOf(doc: YamlDoc, slis: Map<string, YamlDoc>): Located | Issue {
  const inline = doc.get(["spec", "indicator"]);
  const ref = doc.get(["spec", "indicatorRef"]);
  if (inline !== undefined && ref !== undefined)
    return doc.issue(["spec", "indicatorRef"], "set indicator or indicatorRef, not both");
  if (inline !== undefined) return { doc, path: ["spec", "indicator", "spec"] };
  if (typeof ref !== "string") return doc.issue(["spec"], "an SLO needs spec.indicator or spec.indicatorRef");
  const sli = slis.get(ref);
  if (!sli) return doc.issue(["spec", "indicatorRef"], `no SLI named "${ref}" in the files`);
  return { doc: sli, path: ["spec"] };
}

function metricQuery(at: Located, which: "good" | "bad" | "total", issues: Issue[]): string | undefined {
  const base = [...at.path, "ratioMetric", which, "metricSource"];
  const source = at.doc.get(base);
  if (source === undefined) return undefined;
  const type = at.doc.get([...base, "type"]);
  if (type !== undefined && (typeof type !== "string" || type.toLowerCase() !== "prometheus")) {
    issues.push(
      at.doc.issue([...base, "type"], `only Prometheus metric sources can be mapped (got ${JSON.stringify(type)})`),
    );
    return undefined;
  }
  const query = at.doc.get([...base, "spec", "query"]);
  if (typeof query !== "string") {
    issues.push(at.doc.issue([...base, "spec", "query"], "a Prometheus query (string) is required"));
    return undefined;
  }
  const sel = toCounterSelector(query);
  if (!sel.ok) {
    issues.push(at.doc.issue([...base, "spec", "query"], sel.reason));
    return undefined;
  }
  return sel.selector;
}

/**
 * counter: false maps only in the form srecp exports a bool gauge: good and total the same 0/1 gauge, read
 * as the share of its samples that are 1 (sum_over_time / count_over_time). Other gauge ratios are refused.
 */
function gaugeSliOf(at: Located, ratio: Record<string, unknown>, issues: Issue[]): Sli | undefined {
  const refuse = () =>
    void issues.push(
      at.doc.issue(
        [...at.path, "ratioMetric", "counter"],
        "gauges (counter: false) map only as a 0/1 gauge with the same good and total query (the share of samples that are 1); srecp counts other events with increase() over counters",
      ),
    );
  if (ratio.good === undefined || ratio.bad !== undefined || ratio.total === undefined) return refuse();
  const before = issues.length;
  const good = metricQuery(at, "good", issues);
  const total = metricQuery(at, "total", issues);
  if (issues.length > before || good === undefined || total === undefined) return undefined;
  return good.trim() === total.trim() ? { kind: "boolGauge", metric: total.trim() } : refuse();
}

/** The srecp SLI of an OpenSLO ratioMetric indicator; what cannot be mapped is an issue at its place. */
export function sliOf(at: Located, issues: Issue[]): Sli | undefined {
  const spec = at.doc.get(at.path);
  if (!isRecord(spec)) return void issues.push(at.doc.issue(at.path, "the SLI needs a spec"));
  if (spec.thresholdMetric !== undefined)
    return void issues.push(
      at.doc.issue(
        [...at.path, "thresholdMetric"],
        "thresholdMetric SLIs cannot be mapped: srecp SLIs count good and total events (use ratioMetric)",
      ),
    );
  const ratio = spec.ratioMetric;
  if (!isRecord(ratio))
    return void issues.push(
      at.doc.issue([...at.path, "ratioMetric"], "ratioMetric with good or bad and total queries is required"),
    );
  if (ratio.counter === false) return gaugeSliOf(at, ratio, issues);
  if (ratio.raw !== undefined || ratio.rawType !== undefined)
    return void issues.push(
      at.doc.issue(
        [...at.path, "ratioMetric", "raw"],
        "precomputed (raw) ratios cannot be mapped: give good or bad and total event counters",
      ),
    );
  if ((ratio.good === undefined) === (ratio.bad === undefined))
    return void issues.push(at.doc.issue([...at.path, "ratioMetric"], "set exactly one of good or bad"));
  if (ratio.total === undefined)
    return void issues.push(at.doc.issue([...at.path, "ratioMetric"], "total is required"));
  const before = issues.length;
  const good = metricQuery(at, "good", issues);
  const bad = metricQuery(at, "bad", issues);
  const total = metricQuery(at, "total", issues);
  if (issues.length > before || total === undefined) return undefined;
  return ratioOrLatency({ good, bad, total });
}
