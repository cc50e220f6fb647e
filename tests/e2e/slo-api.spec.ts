import { expect, test } from "@playwright/test";
import { e2eState } from "./fixtures";

// The SLO engine's acceptance over real HTTP: `next start` against the real Prometheus of the e2e
// setup (known backfilled scenario, tests/harness/scenario.ts), evaluated at the scenario's end.
test("ratio and latency SLOs report the known data over HTTP", async ({ request }) => {
  const { token, scenarioEnd } = e2eState();
  const headers = { authorization: `Bearer ${token}` };
  expect(
    (await request.post("/api/v1/teams", { headers, data: { slug: "e2e-slo-api", name: "SLO API" } })).status(),
  ).toBe(201);
  expect(
    (
      await request.post("/api/v1/services", {
        headers,
        data: { slug: "e2e-api-checkout", name: "Checkout", team: "e2e-slo-api" },
      })
    ).status(),
  ).toBe(201);

  const ratio = await request.post("/api/v1/slos", {
    headers,
    data: {
      service: "e2e-api-checkout",
      name: "availability",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      runbookUrl: "https://runbooks.example.com/checkout",
      sli: {
        kind: "ratio",
        total: 'http_requests_total{service="checkout"}',
        bad: 'http_requests_total{service="checkout",code=~"5.."}',
      },
    },
  });
  expect(ratio.status()).toBe(201);
  const latency = await request.post("/api/v1/slos", {
    headers,
    data: {
      service: "e2e-api-checkout",
      name: "latency",
      objective: 0.99,
      window: { kind: "rolling", days: 30 },
      sli: {
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="checkout"',
        thresholdSeconds: 0.3,
      },
    },
  });
  expect(latency.status()).toBe(201);

  const r = await (
    await request.get(`/api/v1/slos/${(await ratio.json()).id}/status?at=${scenarioEnd}`, { headers })
  ).json();
  expect(r.stale).toBe(false);
  expect(r.sliValue).toBeCloseTo(0.9995, 9);
  expect(r.events.total).toBeCloseTo(20 * 30 * 86_400, 0);
  expect(r.errorBudget.downtimeEquivalentSeconds).toBe(2592);
  expect(r.errorBudget.remaining).toBeCloseTo(0.5, 6);
  expect(r.burnRates["1h"]).toBeCloseTo(0.5, 6);

  const l = await (
    await request.get(`/api/v1/slos/${(await latency.json()).id}/status?at=${scenarioEnd}`, { headers })
  ).json();
  expect(l.sliValue).toBeCloseTo(0.99, 9);

  const rules = await request.get(`/api/v1/slos/${(await latency.json()).id}/rules`, { headers });
  expect(await rules.text()).toContain("no alert rules");
});
