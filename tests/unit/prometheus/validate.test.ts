import { describe, expect, it } from "vitest";
import { createPrometheusClient, validatePromQL } from "@/lib/prometheus";
import { fakeFetch, formFields, success, vector } from "./fake-fetch";

const badData = (error: string) => ({ status: 400, body: { status: "error", errorType: "bad_data", error } });
const notFound = { status: 404, body: "404 page not found" };

describe("validatePromQL", () => {
  it("uses format_query when Prometheus has it", async () => {
    const fake = fakeFetch(() => success("sum(up)"));
    const result = await validatePromQL(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), "sum( up )");
    expect(result).toEqual({ ok: true, source: "prometheus" });
    expect(fake.requests.map((r) => new URL(r.url).pathname)).toEqual(["/api/v1/format_query"]);
  });

  it("returns Prometheus' parse message without the parameter prefix", async () => {
    const fake = fakeFetch(() => badData('invalid parameter "query": 1:34: parse error: unclosed left parenthesis'));
    const result = await validatePromQL(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), "x");
    expect(result).toEqual({
      ok: false,
      message: "1:34: parse error: unclosed left parenthesis",
      source: "prometheus",
    });
  });

  it("falls back to parse_query, then to an instant query at time 0", async () => {
    const fake = fakeFetch((request) => (request.url.endsWith("/api/v1/query") ? vector([]) : notFound));
    const result = await validatePromQL(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), "up");
    expect(result).toEqual({ ok: true, source: "prometheus" });
    expect(fake.requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/api/v1/format_query",
      "/api/v1/parse_query",
      "/api/v1/query",
    ]);
    expect(formFields(fake.requests[2]!).get("time")).toBe("0");
  });

  it("treats execution errors as valid syntax", async () => {
    const fake = fakeFetch((request) =>
      request.url.endsWith("/api/v1/query")
        ? { status: 422, body: { status: "error", errorType: "execution", error: "many-to-many matching not allowed" } }
        : notFound,
    );
    expect(await validatePromQL(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), "a / b")).toEqual({
      ok: true,
      source: "prometheus",
    });
  });

  it("falls back to the local check when Prometheus is unreachable", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const client = createPrometheusClient({ url: "http://p", fetch: failing });
    expect(await validatePromQL(client, "sum(up")).toEqual({
      ok: false,
      message:
        "line 1, column 7: parse error: unexpected end of input in the arguments (expected an expression or a closing parenthesis)",
      source: "local",
    });
    expect(await validatePromQL(client, "sum(up)")).toEqual({ ok: true, source: "local" });
  });
});
