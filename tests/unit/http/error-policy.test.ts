import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { appErrorOf, causeForLog } from "@/lib/http/error-policy";
import { PrometheusError } from "@/lib/prometheus";

// The one mapping of thrown values to AppError (issue 15 item 3), shared by routes, server actions and the CLI.
const URL_BASE = "http://10.1.2.3:9090";
const prom = (reason: ConstructorParameters<typeof PrometheusError>[0], publicMessage?: string) =>
  new PrometheusError(reason, `No Prometheus API answered at ${URL_BASE}/api/v1/query`, {
    detail: "ECONNREFUSED",
    ...(publicMessage ? { publicMessage } : {}),
  });

describe("appErrorOf", () => {
  it("maps a ZodError to 422 naming the fields", () => {
    const err = z.object({ name: z.string() }).safeParse({}).error!;
    expect(appErrorOf(err)).toMatchObject({ code: "VALIDATION", status: 422, fields: { name: expect.any(String) } });
  });

  it.each(["network", "timeout", "aborted", "http"] as const)(
    "maps a Prometheus %s failure to 503 with the public message only",
    (reason) => {
      const err = prom(reason);
      const mapped = appErrorOf(err)!;
      expect(mapped).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 503 });
      expect(mapped.message).toBe(`Prometheus: ${err.publicMessage}`);
      expect(mapped.message).not.toContain("10.1.2.3");
      expect(mapped.cause).toBe(err);
    },
  );

  it("maps an unusable answer to 502 and a refused query of ours to a defect (null → 500)", () => {
    expect(appErrorOf(prom("bad_response"))).toMatchObject({ code: "UPSTREAM_BAD_RESPONSE", status: 502 });
    expect(appErrorOf(prom("bad_query", "1:3: parse error"))).toBeNull();
  });

  it("keeps an AppError as it is and leaves anything else to the 500 path", () => {
    const app = new AppError("NOT_FOUND", "service not found");
    expect(appErrorOf(app)).toBe(app);
    expect(appErrorOf(new Error("boom"))).toBeNull();
    expect(appErrorOf("a string")).toBeNull();
  });
});

describe("causeForLog", () => {
  it("keeps the upstream's facts and the nested causes", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED 10.1.2.3:9090"), { code: "ECONNREFUSED" });
    const err = new PrometheusError("network", `No Prometheus API answered at ${URL_BASE}/api/v1/query`, {
      detail: "ECONNREFUSED",
      cause: inner,
    });
    expect(causeForLog(err)).toEqual({
      name: "PrometheusError",
      message: `No Prometheus API answered at ${URL_BASE}/api/v1/query`,
      reason: "network",
      detail: "ECONNREFUSED",
      cause: { name: "Error", message: "connect ECONNREFUSED 10.1.2.3:9090", code: "ECONNREFUSED" },
    });
    expect(causeForLog(undefined)).toBeUndefined();
  });
});
