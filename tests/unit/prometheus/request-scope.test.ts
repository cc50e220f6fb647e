import { describe, expect, it } from "vitest";
import {
  createPrometheusClient,
  detachedFromRequest,
  PrometheusError,
  withinBudget,
  withUpstreamScope,
} from "@/lib/prometheus";
import { fakeFetch, formFields, vector } from "./fake-fetch";

// The upstream scope of a request (lib/prometheus/request-scope.ts): a budget and the client's signal.
const URL_BASE = "http://prom.test:9090";
const capture = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as PrometheusError,
  );
// A fetch that hangs until its signal aborts, recording that it was aborted.
const hanging = () => {
  const aborted: number[] = [];
  const fetchImpl = ((_url: string, init?: RequestInit) =>
    new Promise<Response>((_, reject) =>
      init?.signal?.addEventListener("abort", () => {
        aborted.push(Date.now());
        reject(new DOMException("aborted", "AbortError"));
      }),
    )) as typeof fetch;
  return { fetch: fetchImpl, aborted };
};

describe("request upstream scope", () => {
  it("sends what is left of the budget as Prometheus' timeout, and the client's own outside a request", async () => {
    const fake = fakeFetch(() => vector([]));
    const client = createPrometheusClient({ url: URL_BASE, fetch: fake.fetch, timeoutMs: 10_000 });
    await withUpstreamScope({ budgetMs: 2000, nowMs: Date.now() - 500 }, () => client.instantQuery("up", 1));
    await client.instantQuery("up", 1);
    const [inScope, outside] = fake.requests.map((r) => Number(formFields(r).get("timeout")!.replace("ms", "")));
    expect(inScope).toBeGreaterThan(1000);
    expect(inScope).toBeLessThanOrEqual(1500);
    expect(outside).toBe(10_000);
  });

  it("cuts a hung call at the budget (closing its connection) and says so, not at the source's timeout", async () => {
    const hung = hanging();
    const client = createPrometheusClient({ url: URL_BASE, fetch: hung.fetch, timeoutMs: 10_000 });
    const started = Date.now();
    const error = await capture(withUpstreamScope({ budgetMs: 100 }, () => client.instantQuery("up")));
    expect(error.reason).toBe("timeout");
    expect(error.message).toMatch(/upstream budget of 100 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hung.aborted).toHaveLength(1);
  });

  it("aborts the upstream call when the client disconnects, without counting it against the source", async () => {
    const hung = hanging();
    const client = createPrometheusClient({ url: URL_BASE, fetch: hung.fetch, breaker: { failureThreshold: 1 } });
    const gone = new AbortController();
    setTimeout(() => gone.abort(), 30);
    const error = await capture(
      withUpstreamScope({ signal: gone.signal, budgetMs: 5000 }, () => client.instantQuery("up")),
    );
    expect(error.reason).toBe("aborted");
    expect(hung.aborted).toHaveLength(1);
    expect(client.health()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("sends nothing once the budget is spent or the client is gone, and the breaker does not count it", async () => {
    const fake = fakeFetch(() => vector([]));
    const client = createPrometheusClient({ url: URL_BASE, fetch: fake.fetch, breaker: { failureThreshold: 1 } });
    expect(
      (await capture(withUpstreamScope({ budgetMs: 100, nowMs: Date.now() - 200 }, () => client.instantQuery("up"))))
        .reason,
    ).toBe("timeout");
    const gone = new AbortController();
    gone.abort();
    expect(
      (await capture(withUpstreamScope({ signal: gone.signal, budgetMs: 5000 }, () => client.instantQuery("up"))))
        .reason,
    ).toBe("aborted");
    expect(fake.requests).toHaveLength(0);
    expect(client.health().state).toBe("closed");
  });

  it("lets a reader stop waiting for shared work at its deadline while the work goes on", async () => {
    let finish: (v: string) => void = () => {};
    const shared = new Promise<string>((resolve) => (finish = resolve));
    const error = await capture(withUpstreamScope({ budgetMs: 50 }, () => withinBudget(shared)));
    expect(error.message).toMatch(/upstream budget of 50 ms/);
    finish("done");
    await expect(shared).resolves.toBe("done");
    await expect(withinBudget(Promise.resolve(1))).resolves.toBe(1); // outside a request: just awaited
  });

  it("runs detached work on the source's own timeout: a slow answer the request's budget would cut still arrives", async () => {
    const slow = fakeFetch(
      () => new Promise((resolve) => setTimeout(() => resolve(vector([{ metric: {}, value: [1, "7"] }])), 150)),
    );
    const client = createPrometheusClient({ url: URL_BASE, fetch: slow.fetch, timeoutMs: 5000 });
    const [inside, detached] = await withUpstreamScope({ budgetMs: 50 }, async () => {
      const shared = detachedFromRequest(() => client.instantVector("up"));
      return [await capture(client.instantVector("up")), await shared] as const;
    });
    expect(inside.message).toMatch(/upstream budget of 50 ms/);
    expect(detached[0]?.value).toBe(7);
    const timeouts = slow.requests
      .map((r) => Number(formFields(r).get("timeout")!.replace("ms", "")))
      .sort((a, b) => a - b);
    expect(timeouts[0]).toBeLessThanOrEqual(50); // the request's own call: what was left of its budget
    expect(timeouts[1]).toBe(5000); // the detached one: the source's timeout
  });
});
