// Test double for fetch: records requests and answers with canned bodies (unit tests of the parser only;
// integration tests use a real Prometheus).

export type RecordedRequest = { url: string; method: string; headers: Record<string, string>; body: string };
export type CannedResponse = { status?: number; body: string | object; contentType?: string };

export const fakeFetch = (respond: (request: RecordedRequest) => CannedResponse | Promise<CannedResponse>) => {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: RecordedRequest = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === "string" ? init.body : "",
    };
    requests.push(request);
    const canned = await respond(request);
    const body = typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body);
    const contentType =
      canned.contentType ?? (typeof canned.body === "string" ? "text/plain; charset=utf-8" : "application/json");
    return new Response(body, { status: canned.status ?? 200, headers: { "Content-Type": contentType } });
  };
  return { fetch: fetchImpl as typeof fetch, requests };
};

/** Form fields of a recorded POST body (repeated keys keep all values). */
export const formFields = (request: RecordedRequest): URLSearchParams => new URLSearchParams(request.body);

export const success = (data: unknown) => ({ body: { status: "success", data } });
export const vector = (result: { metric: Record<string, string>; value: [number, string] }[]) =>
  success({ resultType: "vector", result });
