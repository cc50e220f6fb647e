import { describe, expect, it } from "vitest";
import { DEMO_LATENCY_BUCKETS, demoExposition } from "@/lib/demo/openmetrics";
import { DEMO_HISTORY_SECONDS, DEMO_SERVICE_SLUGS, requestsBetween } from "@/lib/demo/traffic";

// The live exposition the demo exporter serves (Prometheus text format, explicit timestamps in ms): every
// demo series once, at the instant asked, with the model's value (the seam with the blocks is checked
// against a real Prometheus in tests/integration/demo-live.test.ts).
const end = 1_796_220_000;

const parse = (text: string, unit: number) => {
  const out = new Map<string, { value: number; t: number }>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^(\S+\{[^}]*\}) (\S+) (\d+)$/.exec(line);
    expect(m, line).not.toBeNull();
    out.set(`${m![1]}@${Number(m![3]) / unit}`, { value: Number(m![2]), t: Number(m![3]) / unit });
  }
  return out;
};

describe("demo exposition", () => {
  it("serves every series once at the instant, in ms, equal to the model's counters", () => {
    const at = end + 3_725;
    const text = demoExposition(end, at);
    const samples = parse(text, 1000);
    // per service: 2 request counters, the histogram buckets, _count and _sum
    expect(samples.size).toBe(DEMO_SERVICE_SLUGS.length * (2 + DEMO_LATENCY_BUCKETS.length + 2));
    for (const { t } of samples.values()) expect(t).toBe(at);
    const bad = samples.get(
      `http_requests_total{job="srecp-demo",instance="demo",service="payments",code="500"}@${at}`,
    )!;
    expect(bad.value).toBe(requestsBetween("payments", end, end - DEMO_HISTORY_SECONDS, at).bad);
    expect(text).toContain("# TYPE http_requests_total counter\n");
    expect(text).toContain("# TYPE http_request_duration_seconds histogram\n");
  });
});
