import { describe, expect, it } from "vitest";
import { createPrometheusClient, PrometheusError } from "@/lib/prometheus";
import { fakeFetch, formFields, success, vector } from "./fake-fetch";

const URL_BASE = "http://prom.test:9090";

describe("createPrometheusClient requests", () => {
  it("POSTs instant queries as a form with time and a server-side timeout", async () => {
    const fake = fakeFetch(() => vector([]));
    const client = createPrometheusClient({ url: `${URL_BASE}/`, fetch: fake.fetch, timeoutMs: 2500 });
    await client.instantQuery('sum(rate(http_requests_total{code=~"5.."}[30d]))', 1_795_788_000);
    const [request] = fake.requests;
    expect(request?.url).toBe(`${URL_BASE}/api/v1/query`);
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = formFields(request!);
    expect(form.get("query")).toBe('sum(rate(http_requests_total{code=~"5.."}[30d]))');
    expect(form.get("time")).toBe("1795788000");
    expect(form.get("timeout")).toBe("2500ms");
  });

  it("POSTs range queries with start, end and step in seconds", async () => {
    const fake = fakeFetch(() => success({ resultType: "matrix", result: [] }));
    const client = createPrometheusClient({ url: URL_BASE, fetch: fake.fetch });
    await client.rangeQuery("up", 1000, 4600, 60);
    const form = formFields(fake.requests[0]!);
    expect(fake.requests[0]?.url).toBe(`${URL_BASE}/api/v1/query_range`);
    expect([form.get("start"), form.get("end"), form.get("step"), form.get("timeout")]).toEqual([
      "1000",
      "4600",
      "60",
      "10000ms",
    ]);
  });

  it("keeps a path prefix of the base URL", async () => {
    const fake = fakeFetch(() => success(["a"]));
    const client = createPrometheusClient({ url: "https://proxy.test/prometheus/", fetch: fake.fetch });
    await client.labelValues("service", ['up{job="x"}']);
    expect(fake.requests[0]?.url).toBe(
      "https://proxy.test/prometheus/api/v1/label/service/values?match%5B%5D=up%7Bjob%3D%22x%22%7D",
    );
  });

  it.each([
    [{ bearerToken: "tok" }, "Bearer tok"],
    [{ basicAuth: { username: "u", password: "p:w" } }, `Basic ${Buffer.from("u:p:w").toString("base64")}`],
  ])("sends the Authorization header for %j", async (auth, header) => {
    const fake = fakeFetch(() => vector([]));
    await createPrometheusClient({ url: URL_BASE, fetch: fake.fetch, ...auth }).instantQuery("up");
    expect(fake.requests[0]?.headers.authorization).toBe(header);
  });

  it("adds custom headers", async () => {
    const fake = fakeFetch(() => vector([]));
    await createPrometheusClient({
      url: URL_BASE,
      fetch: fake.fetch,
      headers: { "X-Scope-OrgID": "team-a" },
    }).instantQuery("up");
    expect(fake.requests[0]?.headers["x-scope-orgid"]).toBe("team-a");
  });
});

describe("createPrometheusClient results", () => {
  it("converts vector values to numbers, including NaN and infinities", async () => {
    const fake = fakeFetch(() =>
      vector([
        { metric: { service: "checkout" }, value: [1795788000, "0.0005"] },
        { metric: { service: "idle" }, value: [1795788000, "NaN"] },
        { metric: { service: "up" }, value: [1795788000.5, "+Inf"] },
        { metric: { service: "down" }, value: [1795788000, "-Inf"] },
      ]),
    );
    const samples = await createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).instantVector("x");
    expect(samples.map((s) => s.value)).toEqual([
      0.0005,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(samples[2]).toEqual({ metric: { service: "up" }, value: Number.POSITIVE_INFINITY, timestamp: 1795788000.5 });
  });

  it("returns an empty vector for an unknown metric", async () => {
    const fake = fakeFetch(() => vector([]));
    expect(await createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).instantQuery("nope")).toEqual({
      resultType: "vector",
      result: [],
    });
  });

  it("returns matrices as [seconds, number] pairs", async () => {
    const fake = fakeFetch(() =>
      success({
        resultType: "matrix",
        result: [
          {
            metric: { service: "search" },
            values: [
              [1000, "0"],
              [4600, "3600"],
              [8200, "NaN"],
            ],
          },
        ],
      }),
    );
    const [series] = await createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).rangeQuery(
      "x",
      1000,
      8200,
      3600,
    );
    expect(series?.metric).toEqual({ service: "search" });
    expect(series?.values.slice(0, 2)).toEqual([
      [1000, 0],
      [4600, 3600],
    ]);
    expect(series?.values[2]?.[1]).toBeNaN();
  });

  it("returns scalars, and instantVector wraps them as one unlabelled sample", async () => {
    const fake = fakeFetch(() => success({ resultType: "scalar", result: [1795788000, "2"] }));
    const client = createPrometheusClient({ url: URL_BASE, fetch: fake.fetch });
    expect(await client.instantQuery("1+1")).toEqual({
      resultType: "scalar",
      result: { value: 2, timestamp: 1795788000 },
    });
    expect(await client.instantVector("1+1")).toEqual([{ metric: {}, value: 2, timestamp: 1795788000 }]);
  });

  it("parses series, label values, metric names and build info", async () => {
    const fake = fakeFetch((request) => {
      if (request.url.endsWith("/api/v1/series"))
        return success([{ __name__: "http_requests_total", service: "search", code: "503" }]);
      if (request.url.includes("/buildinfo")) return success({ version: "2.42.0+ds", goVersion: "go1.19.8", extra: 1 });
      return success(["http_requests_total", "up"]);
    });
    const client = createPrometheusClient({ url: URL_BASE, fetch: fake.fetch });
    expect(await client.series(['http_requests_total{service="search"}'], 10, 20)).toEqual([
      { __name__: "http_requests_total", service: "search", code: "503" },
    ]);
    expect(formFields(fake.requests[0]!).getAll("match[]")).toEqual(['http_requests_total{service="search"}']);
    expect(await client.metricNames()).toEqual(["http_requests_total", "up"]);
    expect(fake.requests[1]?.url).toBe(`${URL_BASE}/api/v1/label/__name__/values`);
    expect((await client.buildInfo()).version).toBe("2.42.0+ds");
  });
});

const capture = async (promise: Promise<unknown>): Promise<PrometheusError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PrometheusError) return error;
    throw error;
  }
  throw new Error("expected a PrometheusError");
};

describe("createPrometheusClient errors", () => {
  const errorEnvelope = (errorType: string, error: string) => ({ status: "error", errorType, error });

  it.each([
    [
      400,
      errorEnvelope("bad_data", 'invalid parameter "query": 1:34: parse error: unclosed left parenthesis'),
      "bad_query",
      "1:34: parse error: unclosed left parenthesis",
    ],
    [
      400,
      errorEnvelope("bad_data", 'invalid parameter "query": 1:5: parse error: unexpected end of input inside braces'),
      "bad_query",
      "1:5: parse error: unexpected end of input inside braces",
    ],
    [
      400,
      errorEnvelope(
        "bad_data",
        'invalid parameter "time": Invalid time value for \'time\': cannot parse "abc" to a valid timestamp',
      ),
      "bad_query",
      'invalid parameter "time": Invalid time value',
    ],
    [
      400,
      errorEnvelope(
        "bad_data",
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
      ),
      "bad_query",
      "exceeded maximum resolution",
    ],
    [
      422,
      errorEnvelope(
        "execution",
        'found duplicate series for the match group {service="checkout"} on the right hand-side of the operation',
      ),
      "execution",
      "found duplicate series",
    ],
    [
      422,
      errorEnvelope("execution", "query processing would load too many samples into memory in query execution"),
      "execution",
      "too many samples",
    ],
    [
      503,
      errorEnvelope("timeout", "query timed out in expression evaluation"),
      "timeout",
      "query timed out in expression evaluation",
    ],
    [500, errorEnvelope("internal", "boom"), "http", "boom"],
  ])("maps HTTP %i %j to reason %s", async (status, body, reason, message) => {
    const fake = fakeFetch(() => ({ status, body }));
    const error = await capture(createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).instantQuery("x"));
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(status);
    expect(error.promErrorType).toBe(body.errorType);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('invalid parameter "query"');
  });

  it("maps a plain-text 404 to reason http with the status", async () => {
    const fake = fakeFetch(() => ({ status: 404, body: "404 page not found" }));
    const error = await capture(createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).parseQuery("up"));
    expect(error).toMatchObject({ reason: "http", status: 404, detail: "HTTP 404 with a non-JSON body" });
    expect(error.message).not.toContain("404 page not found");
  });

  it("never echoes an upstream body and reads the same for a refused port and a non-Prometheus server", async () => {
    const secret = "root:x:0:0:secret-internal-page";
    const refused = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:22"), { code: "ECONNREFUSED" }),
      });
    }) as typeof fetch;
    const answers = [
      await capture(createPrometheusClient({ url: URL_BASE, fetch: refused }).instantQuery("up")),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 502, body: secret })).fetch,
        }).instantQuery("up"),
      ),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 200, body: `<html>${secret}</html>` })).fetch,
        }).instantQuery("up"),
      ),
      await capture(
        createPrometheusClient({
          url: URL_BASE,
          fetch: fakeFetch(() => ({ status: 200, body: { leaked: secret } })).fetch,
        }).instantQuery("up"),
      ),
    ];
    const messages = new Set(answers.map((e) => e.message));
    expect([...messages]).toEqual([
      `No Prometheus API answered at ${URL_BASE}/api/v1/query (unreachable, or not a Prometheus server)`,
    ]);
    for (const e of answers) expect(JSON.stringify({ ...e, message: e.message })).not.toContain("secret");
    expect(answers.map((e) => e.detail)).toEqual([
      "ECONNREFUSED",
      "HTTP 502 with a non-JSON body",
      "HTTP 200 with a non-JSON body",
      "HTTP 200 with JSON that is not a Prometheus envelope",
    ]);
  });

  it.each([
    ["non-JSON 200", "<html>proxy login</html>"],
    ["an envelope without status", { data: {} }],
    ["an unknown resultType", { status: "success", data: { resultType: "histogram", result: [] } }],
    [
      "a non-numeric sample value",
      { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "x"] }] } },
    ],
  ])("maps %s to reason bad_response", async (_name, body) => {
    const fake = fakeFetch(() => ({ status: 200, body }));
    const error = await capture(createPrometheusClient({ url: URL_BASE, fetch: fake.fetch }).instantQuery("x"));
    expect(error.reason).toBe("bad_response");
  });

  it("maps a fetch failure to reason network with the cause", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    }) as typeof fetch;
    const error = await capture(
      createPrometheusClient({ url: "http://127.0.0.1:9", fetch: failing }).instantQuery("up"),
    );
    expect(error.reason).toBe("network");
    expect(error.message).not.toContain("ECONNREFUSED");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("times out a fetch that never resolves", async () => {
    const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const started = Date.now();
    const error = await capture(
      createPrometheusClient({ url: URL_BASE, fetch: never, timeoutMs: 30 }).instantQuery("up"),
    );
    expect(error.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("times out via the abort signal when fetch honours it", async () => {
    const abortable = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      )) as typeof fetch;
    const error = await capture(
      createPrometheusClient({ url: URL_BASE, fetch: abortable, timeoutMs: 20 }).rangeQuery("up", 0, 60, 15),
    );
    expect(error.reason).toBe("timeout");
  });
});
