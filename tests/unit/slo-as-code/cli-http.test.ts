import { describe, expect, it } from "vitest";
import { parseArgs } from "@/cli/args";
import { apiFromFlags, ApiError, ConnectionError } from "@/cli/http";

const fakeFetch = (respond: (url: string, init: RequestInit) => Response | Promise<Response>) => {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { f, calls };
};

describe("CLI arguments", () => {
  it("reads -f/-o short flags next to --long ones", () => {
    expect(parseArgs(["plan", "-f", "slos/", "--managed-by", "team-a", "--json"])).toEqual({
      words: ["plan"],
      flags: { f: "slos/", "managed-by": "team-a", json: true },
    });
    expect(parseArgs(["export", "-o"])).toEqual({ words: ["export"], flags: { o: true } });
    expect(parseArgs(["deploy", "record", "--version=v1"])).toEqual({
      words: ["deploy", "record"],
      flags: { version: "v1" },
    });
  });
});

describe("CLI HTTP client", () => {
  it("uses --url/--token, else SRECP_URL/SRECP_TOKEN, else localhost, and sends the bearer token", async () => {
    const { f, calls } = fakeFetch(() => Response.json({ ok: true }));
    await apiFromFlags({}, { SRECP_URL: "https://cp.example.com/", SRECP_TOKEN: "srecp_env" }, f).request(
      "GET",
      "/api/v1/me",
    );
    await apiFromFlags(
      { url: "http://other:3000", token: "srecp_flag" },
      { SRECP_URL: "https://cp.example.com", SRECP_TOKEN: "srecp_env" },
      f,
    ).request("POST", "/x", { a: 1 });
    expect(calls.map((c) => c.url)).toEqual(["https://cp.example.com/api/v1/me", "http://other:3000/x"]);
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe("Bearer srecp_env");
    expect((calls[1]!.init.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect(calls[1]!.init.body).toBe('{"a":1}');
    expect(apiFromFlags({ token: "t" }, {}, f).baseUrl).toBe("http://localhost:3000");
  });

  it("refuses to run without a token or with a non-http URL", () => {
    expect(() => apiFromFlags({}, {})).toThrow(/missing --token/);
    expect(() => apiFromFlags({ url: "ftp://x", token: "t" }, {})).toThrow(/http\(s\) URL/);
  });

  it("turns the API's error envelope into ApiError with its fields", async () => {
    const { f } = fakeFetch(() =>
      Response.json(
        { error: { code: "VALIDATION", message: "Invalid input: version", fields: { version: "is required" } } },
        { status: 422 },
      ),
    );
    const err = (await apiFromFlags({ token: "t" }, {}, f)
      .request("POST", "/api/v1/deployments", {})
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.describe()).toBe("422 VALIDATION: Invalid input: version\n    version: is required");
  });

  it("reports unreachable servers and answers that are not JSON as connection errors", async () => {
    const down = fakeFetch(() => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    });
    const e1 = (await apiFromFlags({ token: "t", url: "http://127.0.0.1:9" }, {}, down.f)
      .request("GET", "/x")
      .catch((e: unknown) => e)) as Error;
    expect(e1).toBeInstanceOf(ConnectionError);
    expect(e1.message).toBe("cannot reach http://127.0.0.1:9: ECONNREFUSED");
    const html = fakeFetch(() => new Response("<html>login</html>", { status: 200 }));
    const e2 = (await apiFromFlags({ token: "t" }, {}, html.f)
      .request("GET", "/x")
      .catch((e: unknown) => e)) as Error;
    expect(e2).toBeInstanceOf(ConnectionError);
    expect(e2.message).toContain("not JSON; is --url the control plane?");
  });
});
