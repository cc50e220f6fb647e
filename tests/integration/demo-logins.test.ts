import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDatabase } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";

// `srecp demo` tells how to sign in (issue 14 item 3): every demo user's e-mail, role and password,
// and that password really signs in (checked against the stored hash); a second load says the
// passwords were left as they were.
describe("srecp demo prints the demo logins", () => {
  let db: { url: string; drop: () => Promise<void> };
  // A DATA_DIR of its own: no Prometheus data directory there, so no demo traffic is written anywhere.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-demo-logins-"));
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  beforeAll(async () => {
    db = await createTestDatabase("srecp_demo_logins");
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists e-mail, role and password of each demo user, and the password verifies", async () => {
    const first = await runSrecp(["demo"], env());
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.split("\n");
    expect(lines).toContain("sign in (e-mail, role, password):");
    const logins = lines.filter((l) => /^ {2}\S+@example\.com/.test(l)).map((l) => l.trim().split(/\s+/));
    expect(logins).toEqual([
      ["alice@example.com", "editor", "demo-password-1"],
      ["bob@example.com", "approver", "demo-password-1"],
      ["dana@example.com", "editor", "demo-password-1"],
      ["victor@example.com", "viewer", "demo-password-1"],
    ]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ passwordHash: string }>(
      `SELECT "passwordHash" FROM "User" WHERE email = $1`,
      ["alice@example.com"],
    );
    await client.end();
    expect(await verifyPassword("demo-password-1", rows[0]?.passwordHash)).toBe(true);

    const second = await runSrecp(["demo"], env());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("alice@example.com    editor   (existed before the demo: password unchanged)");
    expect(second.stdout).toContain("demo traffic not written");
  }, 180_000);
});
