import fs from "node:fs";
import { SAMPLE_INTERVAL_SECONDS, type Scenario, type ScenarioSeries } from "./scenario";

// OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: families grouped under one
// `# TYPE` line, one series after another, timestamps in SECONDS, mandatory `# EOF` last line.

const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

const labelText = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(",")}}`;

/** Family (the `# TYPE` name) and type of a series, from Prometheus naming conventions. */
const familyOf = (series: ScenarioSeries): { family: string; type: "counter" | "histogram" } => {
  const histogram = /^(.*)_(bucket|count|sum)$/.exec(series.name);
  if (histogram?.[1]) return { family: histogram[1], type: "histogram" };
  return { family: series.name.replace(/_total$/, ""), type: "counter" };
};

/**
 * Writes every scenario series from `start` to `end` inclusive at SAMPLE_INTERVAL_SECONDS.
 * Returns the number of samples written. Series of one family must be contiguous in the file.
 */
export const writeScenarioOpenMetrics = (scenario: Scenario, filePath: string): number => {
  const byFamily = new Map<string, { type: string; series: ScenarioSeries[] }>();
  for (const series of scenario.series) {
    const { family, type } = familyOf(series);
    const entry = byFamily.get(family) ?? { type, series: [] };
    entry.series.push(series);
    byFamily.set(family, entry);
  }
  const fd = fs.openSync(filePath, "w");
  let samples = 0;
  try {
    for (const [family, { type, series: members }] of byFamily) {
      fs.writeSync(fd, `# TYPE ${family} ${type}\n`);
      for (const series of members) {
        const prefix = `${series.name}${labelText(series.labels)} `;
        const lines: string[] = [];
        for (let t = scenario.start; t <= scenario.end; t += SAMPLE_INTERVAL_SECONDS) {
          lines.push(`${prefix}${series.valueAt(t)} ${t}\n`);
        }
        samples += lines.length;
        fs.writeSync(fd, lines.join(""));
      }
    }
    fs.writeSync(fd, "# EOF\n");
  } finally {
    fs.closeSync(fd);
  }
  return samples;
};
