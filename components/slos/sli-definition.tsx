import type { ReactNode } from "react";
import type { Sli } from "@/lib/slo/types";
import { formatObjective, formatThreshold } from "@/lib/slo/format";

type Item = { label: string; value: ReactNode };
const code = (text: string) => <code className="promql">{text}</code>;

/** The SLI's definition rows for the SLO page: its selectors, and for a timeslice SLI the slice rule after them. */
export function sliDefinitionItems(sli: Sli): Item[] {
  if (sli.kind === "timeslice") {
    return [
      ...sliDefinitionItems(sli.of),
      {
        label: "Budgeting",
        value: `time slices of ${sli.sliceMinutes} min (OpenSLO Timeslices); a slice without events counts neither way`,
      },
      { label: "Good slice", value: `${formatObjective(sli.threshold)} or more of its events good` },
    ];
  }
  if (sli.kind === "ratio") {
    return [
      { label: "Total events", value: code(sli.total) },
      ...(sli.good ? [{ label: "Good events", value: code(sli.good) }] : []),
      ...(sli.bad ? [{ label: "Bad events", value: code(sli.bad) }] : []),
    ];
  }
  if (sli.kind === "boolGauge") return [{ label: "0/1 gauge (good = samples that are 1)", value: code(sli.metric) }];
  return [
    { label: "Histogram", value: code(sli.metric) },
    { label: "Matchers", value: sli.matchers ? code(sli.matchers) : <span className="muted">none</span> },
    { label: "Threshold", value: formatThreshold(sli.thresholdSeconds) },
  ];
}
