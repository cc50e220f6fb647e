import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseBody } from "@/lib/http/api-route";
import { DEFAULT_BODY_LIMIT, isJsonContentType, readBodyText, readJsonBody } from "@/lib/http/body";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://test.local/x", { method: "POST", headers, body, duplex: "half" } as RequestInit);

/** A body of `total` bytes sent in chunks with no Content-Length, as a chunked upload arrives. */
function chunked(total: number, chunk = 64 * 1024) {
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, pulled: () => pulls, sent: () => sent };
}

const status = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (e: { status?: number }) => e.status ?? -1,
  );

describe("request bodies", () => {
  it("accepts application/json with or without parameters, nothing else", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    for (const t of [
      null,
      "",
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
    ]) {
      expect(isJsonContentType(t)).toBe(false);
    }
  });

  it("refuses text/plain and form bodies with 415 even when they hold valid JSON", async () => {
    const err = (await readJsonBody(post('{"a":1}', { "content-type": "text/plain" })).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(err.message).toMatch(/Content-Type: application\/json/);
    expect(await status(readJsonBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" })))).toBe(415);
    expect(await status(readJsonBody(post('{"a":1}', {})))).toBe(415);
  });

  it("refuses a declared Content-Length over the limit with 413 without reading the body", async () => {
    const body = chunked(10 * 1024 * 1024);
    const req = post(body.stream, {
      "content-type": "application/json",
      "content-length": String(DEFAULT_BODY_LIMIT + 1),
    });
    const err = (await readJsonBody(req).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(err.message).toContain("1 MB");
    expect(body.sent()).toBeLessThanOrEqual(64 * 1024); // at most what the stream buffered up front
  });

  it("counts bytes of a chunked body and stops reading once past the limit", async () => {
    const body = chunked(20 * 1024 * 1024);
    expect(await status(readBodyText(post(body.stream)))).toBe(413);
    expect(body.sent()).toBeLessThan(DEFAULT_BODY_LIMIT + 3 * 64 * 1024);
  });

  it("reads bodies up to the limit exactly, and honours a route's own limit", async () => {
    const exact = "x".repeat(DEFAULT_BODY_LIMIT - 2);
    await expect(readJsonBody(post(JSON.stringify(exact)))).resolves.toBe(exact);
    expect(await status(readJsonBody(post(JSON.stringify("x".repeat(DEFAULT_BODY_LIMIT)))))).toBe(413);
    await expect(
      readJsonBody(post(JSON.stringify("x".repeat(2 * DEFAULT_BODY_LIMIT))), 5 * DEFAULT_BODY_LIMIT),
    ).resolves.toHaveLength(2 * DEFAULT_BODY_LIMIT);
  });

  it("decodes multi-byte UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: "Grüße 🚀" }));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    await expect(readJsonBody(post(stream))).resolves.toEqual({ name: "Grüße 🚀" });
  });

  it("parseBody: 400 for bad JSON, 422 naming the field, 415 before either", async () => {
    const schema = z.object({ name: z.string() });
    expect(await status(parseBody(post("{nope"), schema))).toBe(400);
    const invalid = await parseBody(post('{"name":1}'), schema).catch((e) => e);
    expect(invalid).toBeInstanceOf(z.ZodError);
    expect(invalid.issues[0].path).toEqual(["name"]);
    expect(await status(parseBody(post("{nope", { "content-type": "text/plain" }), schema))).toBe(415);
    await expect(parseBody(post('{"name":"a"}'), schema)).resolves.toEqual({ name: "a" });
  });
});
