import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  createPrometheusClient,
  PrometheusError,
  publicUpstreamMessage,
  upstreamAppError,
  upstreamError,
} from "@/lib/prometheus";
import { fakeFetch } from "./fake-fetch";

// What a client of the API may read about a Prometheus failure (issue 15 item 3): Prometheus' own text
// about a query, otherwise a sentence without the data source's URL, its port or an upstream body.
const URL_BASE = "http://prom.internal:9091";
const capture = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: PrometheusError) => e,
  );
const envelope = (errorType: string, error: string) => ({ status: "error", errorType, error });

describe("PrometheusError.publicMessage", () => {
  it("names neither the URL, the port nor the body for a refused port, a 500 with a body and an internal envelope", async () => {
    const refused = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:9091"), { code: "ECONNREFUSED" }),
      });
    }) as typeof fetch;
    const answers = [
      await capture(createPrometheusClient({ url: URL_BASE, fetch: refused }).instantQuery("up")),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 500, body: "stack at internal-body.go:12" })).fetch,
        }).instantQuery("up"),
      ),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 500, body: envelope("internal", "internal-body: disk full") })).fetch,
        }).instantQuery("up"),
      ),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 200, body: "<html>internal-body</html>" })).fetch,
        }).instantQuery("up"),
      ),
    ];
    expect(answers.map((e) => e.reason)).toEqual(["network", "http", "http", "bad_response"]);
    for (const e of answers) {
      expect(e.publicMessage).toBe("no Prometheus API answered (unreachable, or not a Prometheus server)");
      expect(e.publicMessage).not.toMatch(/prom\.internal|9091|internal-body/);
    }
    // the log side keeps the facts
    expect(answers[0]!.message).toContain(URL_BASE);
    expect(answers[2]!.message).toContain("disk full");
  });

  it("keeps Prometheus' own text about the query (what the user typed)", async () => {
    const fake = fakeFetch(() => ({
      status: 400,
      body: envelope("bad_data", 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis'),
    }));
    const error = await capture(createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).instantQuery("sum("));
    expect(error.publicMessage).toBe("1:5: parse error: unclosed left parenthesis");
  });

  it("says the client-side time-out without the path", async () => {
    const hang = (() => new Promise<Response>(() => {})) as typeof fetch;
    const error = await capture(
      createPrometheusClient({ url: URL_BASE, fetch: hang, timeoutMs: 20 }).instantQuery("up"),
    );
    expect(error.reason).toBe("timeout");
    expect(error.message).toContain("/api/v1/query");
    expect(error.publicMessage).toBe("Prometheus did not answer in time; try again shortly");
  });
});

describe("upstreamError: the one conversion to AppError", () => {
  it("gives 503 UPSTREAM_UNAVAILABLE naming the work, with the PrometheusError as cause", () => {
    const cause = new PrometheusError("network", `No Prometheus API answered at ${URL_BASE}/api/v1/query`, {
      detail: "ECONNREFUSED",
    });
    const mapped = upstreamError(cause, "the preview");
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      status: 503,
      message:
        "Prometheus could not answer the preview: no Prometheus API answered (unreachable, or not a Prometheus server)",
    });
    expect((mapped as AppError).cause).toBe(cause);
    expect(upstreamAppError(cause).message).toBe(
      "Prometheus: no Prometheus API answered (unreachable, or not a Prometheus server)",
    );
  });

  it("returns anything else unchanged, and publicUpstreamMessage never quotes an unknown error", () => {
    const other = new Error(`secret ${URL_BASE}`);
    expect(upstreamError(other, "the preview")).toBe(other);
    expect(publicUpstreamMessage(other)).toBe("an unexpected error; see the server log");
    expect(publicUpstreamMessage(new AppError("UPSTREAM_UNAVAILABLE", "No Prometheus configured"))).toBe(
      "No Prometheus configured",
    );
  });
});
