import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { freePort } from "../harness/process";
import { runSrecp } from "../harness/srecp-cli";

// Issue 11 item 6: `srecp datasources list|create|test`, the real CLI process against the test database
// and the integration Prometheus; the same validation, address policy and sealed secrets as the API.
describe("srecp datasources", () => {
  const name = `cli-prom-${Date.now()}`;

  it("creates, lists and tests a data source; the bearer token comes from the environment and is sealed", async () => {
    const created = await runSrecp(
      ["datasources", "create", "--name", name, "--url", inject("PROMETHEUS_URL"), "--auth", "bearer"],
      { SRECP_DS_BEARER_TOKEN: "cli-secret-token-1" },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`created data source ${name}`));
    const row = await (await getDb()).dataSource.findUniqueOrThrow({ where: { name } });
    expect(row.bearerToken).not.toContain("cli-secret-token-1");

    const list = await runSrecp(["datasources", "list"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${name}\t${inject("PROMETHEUS_URL")}\tbearer`);
    expect(list.stdout).not.toContain("cli-secret-token-1");

    const test = await runSrecp(["datasources", "test", "--name", name, "--query", "up"]);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(new RegExp(`${name}: ok in \\d+ ms, \\d+ series for up`));
  });

  it("says what is wrong: a refused address, a source that does not answer, an unknown name", async () => {
    const metadata = await runSrecp([
      "datasources",
      "create",
      "--name",
      `${name}-meta`,
      "--url",
      "http://169.254.169.254/",
    ]);
    expect(metadata.code).toBe(1);
    expect(metadata.stderr).toMatch(/url/);
    const port = await freePort();
    expect(
      (
        await runSrecp([
          "datasources",
          "create",
          "--name",
          `${name}-gone`,
          "--url",
          `http://127.0.0.1:${port}`,
          "--timeout-ms",
          "500",
        ])
      ).code,
    ).toBe(0);
    const down = await runSrecp(["datasources", "test", "--name", `${name}-gone`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/No Prometheus API answered/);
    const unknown = await runSrecp(["datasources", "test", "--name", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no data source named "nope"');
  });
});
