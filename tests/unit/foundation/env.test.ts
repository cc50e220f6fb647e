import { describe, expect, it, vi } from "vitest";
import { EnvError, readEnv } from "@/lib/env";

// Issue 11 item 18: SLO_REFRESH_SECONDS=abc became NaN and silently disabled the status cache.
describe("readEnv", () => {
  it("refuses a non-numeric SLO_REFRESH_SECONDS, naming the variable and the value", () => {
    expect(() => readEnv({ SLO_REFRESH_SECONDS: "abc" })).toThrow(EnvError);
    expect(() => readEnv({ SLO_REFRESH_SECONDS: "abc" })).toThrow(
      'SLO_REFRESH_SECONDS must be a whole number of seconds, e.g. 30 (got "abc")',
    );
    expect(() => readEnv({ SLO_REFRESH_SECONDS: "0" })).toThrow("SLO_REFRESH_SECONDS must be at least 1");
    expect(() => readEnv({ SLO_REFRESH_SECONDS: "1.5" })).toThrow(/SLO_REFRESH_SECONDS must be a whole number/);
  });

  it("names every invalid variable at once, without echoing URLs (they may hold credentials)", () => {
    let message = "";
    try {
      readEnv({
        SLO_REFRESH_SECONDS: "-1",
        LOG_LEVEL: "loud",
        PROMETHEUS_URL: "ftp://user:hunter2@prom",
        DATABASE_URL: "mysql://u:p@db/x",
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("SLO_REFRESH_SECONDS must be a whole number");
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(message).toContain("PROMETHEUS_URL must be an http(s) URL");
    expect(message).toContain("DATABASE_URL must be a postgresql:// URL");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("u:p@");
  });

  it("keeps the defaults for unset or empty values and reads valid ones", () => {
    expect(readEnv({})).toMatchObject({
      databaseUrl: null,
      prometheusUrl: null,
      refreshIntervalSeconds: 30,
      logLevel: "info",
    });
    expect(readEnv({ SLO_REFRESH_SECONDS: "", LOG_LEVEL: " ", PROMETHEUS_URL: "" })).toMatchObject({
      refreshIntervalSeconds: 30,
      logLevel: "info",
      prometheusUrl: null,
    });
    expect(
      readEnv({
        SLO_REFRESH_SECONDS: " 45 ",
        LOG_LEVEL: "debug",
        PROMETHEUS_URL: "http://prom:9090",
        DATABASE_URL: "postgresql://u:p@db:5432/x",
      }),
    ).toMatchObject({
      refreshIntervalSeconds: 45,
      logLevel: "debug",
      prometheusUrl: "http://prom:9090",
      databaseUrl: "postgresql://u:p@db:5432/x",
    });
  });
});

describe("SRECP_REFRESH_BATCH_SLOS (issue 17: what the status refresh holds at once)", () => {
  it("defaults to 500 SLOs, reads whole numbers and refuses the rest naming it", () => {
    expect(readEnv({}).refreshBatchSlos).toBe(500);
    expect(readEnv({ SRECP_REFRESH_BATCH_SLOS: "200" }).refreshBatchSlos).toBe(200);
    expect(() => readEnv({ SRECP_REFRESH_BATCH_SLOS: "0" })).toThrow("SRECP_REFRESH_BATCH_SLOS must be at least 1");
    expect(() => readEnv({ SRECP_REFRESH_BATCH_SLOS: "many" })).toThrow(
      'SRECP_REFRESH_BATCH_SLOS must be a whole number, e.g. 500 (got "many")',
    );
  });
});

describe("SRECP_UPSTREAM_BUDGET_MS (issue 18: the request path's upstream budget)", () => {
  it("defaults to 2000 ms, reads whole milliseconds and refuses the rest naming it", () => {
    expect(readEnv({}).upstreamBudgetMs).toBe(2000);
    expect(readEnv({ SRECP_UPSTREAM_BUDGET_MS: "750" }).upstreamBudgetMs).toBe(750);
    expect(() => readEnv({ SRECP_UPSTREAM_BUDGET_MS: "2s" })).toThrow(
      'SRECP_UPSTREAM_BUDGET_MS must be a whole number, e.g. 2000 (got "2s")',
    );
    expect(() => readEnv({ SRECP_UPSTREAM_BUDGET_MS: "50" })).toThrow("SRECP_UPSTREAM_BUDGET_MS must be at least 100");
  });
});

describe("server start", () => {
  it("exits with the message before starting anything when the environment is invalid", async () => {
    const saved = { runtime: process.env.NEXT_RUNTIME, refresh: process.env.SLO_REFRESH_SECONDS };
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.SLO_REFRESH_SECONDS = "abc";
    const errors: string[] = [];
    const error = vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    try {
      const { register } = await import("@/instrumentation");
      await expect(register()).rejects.toThrow("exit 1");
      expect(errors).toEqual([
        expect.stringContaining('SLO_REFRESH_SECONDS must be a whole number of seconds, e.g. 30 (got "abc")'),
      ]);
    } finally {
      exit.mockRestore();
      error.mockRestore();
      process.env.NEXT_RUNTIME = saved.runtime;
      process.env.SLO_REFRESH_SECONDS = saved.refresh;
      if (saved.runtime === undefined) delete process.env.NEXT_RUNTIME;
      if (saved.refresh === undefined) delete process.env.SLO_REFRESH_SECONDS;
    }
  });
});
