import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as incidents from "@/app/api/v1/incidents/route";
import { createTestDatabase } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";
import { call, userWithToken } from "./helpers/api";

// Issue 18 item 3: backup → restore into an empty database → every table equal row by row, on
// PostgreSQL and on the embedded database; a non-empty target and a dump from a newer schema are refused.
const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-backup-"));
const file = path.join(dir, "backup.json.gz");

/** One SQL query: per table, its row count and an md5 over its rows' JSON (order-independent). */
async function digestQuery(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    return (
      rows
        .map(
          ({ t }) =>
            `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text), '')) AS h FROM "${t}" x`,
        )
        .join(" UNION ALL ") + " ORDER BY 1"
    );
  } finally {
    await c.end();
  }
}

async function digest(url: string, sql: string): Promise<{ t: string; n: number; h: string }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("SET TimeZone = 'UTC'");
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** The same digest read from an embedded database, through lib/db like the app (tests/harness/embedded-holder.ts). */
function embeddedDigest(dataDir: string, sql: string): Promise<{ t: string; n: number; h: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(root, "tests/harness/embedded-holder.ts"),
        sql,
        "SET TimeZone = 'UTC'",
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: "",
          DATA_DIR: dataDir,
          TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      const line = JSON.parse(out.split("\n").find((l) => l.startsWith("{")) ?? "{}");
      return code === 0 && line.ready
        ? resolve(line.rows)
        : reject(new Error(`holder exited ${code}: ${line.error ?? out}`));
    });
  });
}

describe("srecp backup / restore", () => {
  let fresh: { url: string; drop: () => Promise<void> };
  let sql: string;

  beforeAll(async () => {
    const { token } = await userWithToken("admin");
    await call(teams.POST, {
      method: "POST",
      token,
      body: { slug: "backup-team", name: "Backup team", timezone: "Europe/Berlin" },
    });
    await call(services.POST, {
      method: "POST",
      token,
      body: { slug: "backup-svc", name: "Backup", team: "backup-team" },
    });
    const slo = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "backup-svc",
        name: "backup-availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="search"}',
          bad: 'http_requests_total{service="search",code=~"5.."}',
        },
      },
    });
    expect(slo.status).toBe(201);
    expect(
      (
        await call(incidents.POST, {
          method: "POST",
          token,
          body: { title: "Backup drill", severity: "SEV-3", services: ["backup-svc"] },
        })
      ).status,
    ).toBe(201);
    fresh = await createTestDatabase("srecp_restore");
    sql = await digestQuery(inject("DATABASE_URL"));
  }, 120_000);
  afterAll(async () => {
    await fresh?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores into an empty PostgreSQL database with every table equal row by row, and refuses a non-empty one", async () => {
    const b = await runSrecp(["backup", "--file", file]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/wrote .*: \d+ rows from \d+ tables/);
    const before = await digest(inject("DATABASE_URL"), sql);
    const r = await runSrecp(["restore", "--file", file], { DATABASE_URL: fresh.url });
    expect(r.code, r.stderr).toBe(0);
    const after = await digest(fresh.url, sql);
    expect(after.filter((x) => x.n > 0).length).toBeGreaterThan(5);
    expect(after).toEqual(before);
    // Sequences continue after the restored rows: the next incident number is one more than the largest.
    const c = new pg.Client({ connectionString: fresh.url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT (SELECT max(number) FROM "Incident") AS max, nextval(pg_get_serial_sequence('"Incident"', 'number')) AS next`,
    );
    await c.end();
    expect(Number(rows[0].next)).toBe(Number(rows[0].max) + 1);

    const again = await runSrecp(["restore", "--file", file], { DATABASE_URL: fresh.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty.*--force/);
  }, 180_000);

  it("restores into a fresh embedded database just the same", async () => {
    const dataDir = fs.mkdtempSync(path.join(dir, "embedded-"));
    const r = await runSrecp(["restore", "--file", file], { DATABASE_URL: "", DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
    expect(await embeddedDigest(dataDir, sql)).toEqual(await digest(fresh.url, sql));
  }, 180_000);

  it("refuses a backup written under a newer schema", async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString().split("\n");
    const header = JSON.parse(lines[0]!);
    header.header.migrations.push("29991231000000_from_the_future");
    lines[0] = JSON.stringify(header);
    const newer = path.join(dir, "newer.json.gz");
    fs.writeFileSync(newer, zlib.gzipSync(lines.join("\n")));
    // Checked before the database is looked at (the target here even has data, and is left alone).
    const before = await digest(fresh.url, sql);
    const r = await runSrecp(["restore", "--file", newer, "--force"], { DATABASE_URL: fresh.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "written by a newer version (migrations 29991231000000_from_the_future are unknown here)",
    );
    expect(await digest(fresh.url, sql)).toEqual(before);
    const garbage = path.join(dir, "garbage.json.gz");
    fs.writeFileSync(garbage, "not a backup");
    const g = await runSrecp(["restore", "--file", garbage], { DATABASE_URL: fresh.url });
    expect(g.code).toBe(1);
    expect(g.stderr).toContain("not a srecp-backup v1 file");
  }, 120_000);
});
