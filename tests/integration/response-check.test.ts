import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as me from "@/app/api/v1/me/route";
import { env } from "@/lib/env";
import { publicRoute } from "@/lib/http/api-route";
import { checkResponse, openApiPath, responseMismatch } from "@/lib/openapi/response-check";
import { op, type Operation } from "@/lib/openapi/registry";
import { instant } from "@/lib/validation/views/common";
import { call, userWithToken } from "./helpers/api";

// SRECP_CHECK_RESPONSES=1 (tests/integration/setup-env.ts): a 2xx answer that breaks its OpenAPI response
// schema fails the request, so the test that made the call fails where the drift happened.
const thing = op({
  method: "GET",
  path: "/api/v1/things/{id}",
  tag: "Meta",
  summary: "a thing",
  response: {
    schema: z.object({ id: z.string(), at: instant(), tags: z.array(z.string()), note: z.string().nullable() }),
  },
});
const good = { id: "t1", at: "2026-12-03T10:00:00.000Z", tags: ["a"], note: null };

describe("response check (SRECP_CHECK_RESPONSES)", () => {
  it("is on in the integration tests", () => {
    expect(env().checkResponses).toBe(true);
  });

  it("maps route patterns to OpenAPI paths", () => {
    expect(openApiPath("/api/v1/services/[slug]/slos/[id]")).toBe("/api/v1/services/{slug}/slos/{id}");
    expect(openApiPath("/api/v1/files/[...path]")).toBe("/api/v1/files/{path}");
  });

  it("accepts a body of the documented shape (extra fields allowed) and names every failing path of a wrong one", () => {
    expect(responseMismatch(thing, 200, good)).toBeNull();
    expect(responseMismatch(thing, 200, { ...good, extra: 1 })).toBeNull();
    const bad = responseMismatch(thing, 200, { id: 7, at: "yesterday", tags: ["a", 2] });
    expect(bad?.message).toMatch(/^GET \/api\/v1\/things\/\{id\} answered a body that does not match/);
    expect(bad?.issues.map((i) => i.path.join("."))).toEqual(["id", "at", "tags.1", "note"]);
    for (const p of ["id:", "at:", "tags.1:", "note:"]) expect(bad?.message).toContain(p);
  });

  it("checks the status against the documented one (and its listed alternatives)", () => {
    expect(responseMismatch(thing, 201, good)?.message).toBe(
      "GET /api/v1/things/{id} answered 201; the document says 200",
    );
    const webhook = op({
      method: "POST",
      path: "/api/v1/hooks",
      tag: "Meta",
      summary: "hook",
      response: { status: 201, otherStatuses: [200], schema: z.object({ ok: z.boolean() }) },
    });
    expect(responseMismatch(webhook, 200, { ok: true })).toBeNull();
    expect(responseMismatch(webhook, 201, { ok: true })).toBeNull();
    expect(responseMismatch(webhook, 202, { ok: true })?.message).toContain("the document says 201 or 200");
  });

  it("reads Responses: JSON bodies are validated, errors and non-JSON bodies are not read, undocumented /api/v1 routes are reported", async () => {
    const ops = [thing];
    expect(await checkResponse("GET", "/api/v1/things/[id]", Response.json(good), ops)).toBeNull();
    expect(
      (await checkResponse("GET", "/api/v1/things/[id]", Response.json({ ...good, at: 5 }), ops))?.issues.map((i) =>
        i.path.join("."),
      ),
    ).toEqual(["at"]);
    expect(
      await checkResponse("GET", "/api/v1/things/[id]", Response.json({ error: {} }, { status: 404 }), ops),
    ).toBeNull();
    const text = await checkResponse(
      "GET",
      "/api/v1/things/[id]",
      new Response("plain", { headers: { "content-type": "text/plain" } }),
      ops,
    );
    expect(text?.message).toBe(
      "GET /api/v1/things/{id} answered 200 as text/plain; the document says application/json",
    );
    const report: Operation = { ...thing, response: { ...thing.response, otherContentTypes: ["text/csv"] } };
    expect(
      await checkResponse(
        "GET",
        "/api/v1/things/[id]",
        new Response("a,b\n", { headers: { "content-type": "text/csv; charset=utf-8" } }),
        [report],
      ),
    ).toBeNull();
    expect(
      (
        await checkResponse(
          "GET",
          "/api/v1/things/[id]",
          new Response("# x", { headers: { "content-type": "text/markdown" } }),
          [report],
        )
      )?.message,
    ).toContain("or text/csv");
    expect((await checkResponse("GET", "/api/v1/nowhere", Response.json({}), ops))?.message).toContain(
      "is not in the OpenAPI registry",
    );
    expect(await checkResponse("GET", "/api/healthz", Response.json({}), ops)).toBeNull();
  });

  it("turns a real route's wrong answer into a 500 RESPONSE_SCHEMA naming the fields; a right one passes unchanged", async () => {
    // GET /api/v1/me is documented with a schema: a handler at that route pattern that answers the wrong shape.
    const broken = publicRoute("/api/v1/me", async () => ({ id: "u1", email: "a@example.com", role: "owner" }));
    const res = await call(broken, { url: "/api/v1/me", headers: { "x-request-id": "req-drift" } });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("RESPONSE_SCHEMA");
    expect(res.body.error.requestId).toBe("req-drift");
    for (const p of ["name:", "role:", "teamIds:", "tokenScopes:"]) expect(res.body.error.message).toContain(p);

    const user = await userWithToken("viewer");
    const real = await call(me.GET, { url: "/api/v1/me", token: user.token });
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ id: user.id, email: user.email, role: "viewer" });
  });
});
