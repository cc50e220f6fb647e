import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("JSON logs", () => {
  it("write one JSON object per line with the request id", () => {
    const { logger, lines } = capture();
    logger.info({ requestId: "abc-123", route: "/api/v1/services", status: 200 }, "request");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      requestId: "abc-123",
      route: "/api/v1/services",
      status: 200,
      msg: "request",
      app: "srecp",
    });
  });

  it("never print passwords, tokens, authorization or cookie headers", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2hunter2",
        token: "srecp_secret",
        headers: { authorization: "Bearer srecp_secret", cookie: "next-auth.session-token=abc" },
        user: { password: "p", passwordHash: "scrypt$x" },
      },
      "oops",
    );
    const text = lines.join("");
    for (const secret of ["hunter2hunter2", "srecp_secret", "Bearer", "session-token=abc", "scrypt$x"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text).headers.authorization).toBe("[redacted]");
  });
});
