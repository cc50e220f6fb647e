import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as scorecard from "@/app/api/v1/scorecard/route";
import { getDb } from "@/lib/db";
import { listBackups, runRestoreDrill, runScheduledBackup } from "@/lib/services/backup-schedule";
import { platformChecks } from "@/lib/services/readiness/platform";
import { call, userWithToken } from "./helpers/api";

// Issue 18 item 3: scheduled backups with retention and restore drills that the scorecard checks.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-scheduled-"));
process.env.SRECP_BACKUP_DIR = dir;
process.env.SRECP_BACKUP_KEEP = "2";
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;

describe("scheduled backups and restore drills", () => {
  it("keeps the newest SRECP_BACKUP_KEEP backups and records each run", async () => {
    const admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "backup-sched", name: "Backup schedule" },
        })
      ).status,
    ).toBe(201);
    const t0 = Date.UTC(2026, 11, 1, 0);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runScheduledBackup(t0 + i * 24 * HOUR));
    expect(runs[2]!.removed).toHaveLength(1);
    expect(listBackups(dir)).toEqual([path.basename(runs[2]!.file), path.basename(runs[1]!.file)]);
    expect(fs.existsSync(runs[0]!.file)).toBe(false);
    expect(runs[2]!.rows).toBeGreaterThan(0);
    const recorded = await (
      await getDb()
    ).backupRun.findMany({ where: { kind: "backup" }, orderBy: { startedAt: "asc" } });
    expect(recorded.map((r) => [r.ok, r.rows, r.file])).toEqual(runs.map((r) => [true, r.rows, path.basename(r.file)]));
  });

  it("before any drill the scorecard fails the organisation check", async () => {
    const [check] = await platformChecks(Date.now());
    expect(check!.status).toBe("fail");
    expect(check!.reason).toMatch(/^No backup has ever been restored/);
  });

  it("a drill restores the newest backup into a scratch database, checks it and passes the scorecard check", async () => {
    const newest = path.join(dir, listBackups(dir)[0]!);
    const drill = await runRestoreDrill();
    expect(drill.file).toBe(newest);
    const backup = await (
      await getDb()
    ).backupRun.findFirst({ where: { kind: "backup", file: path.basename(newest) } });
    expect(drill.rows).toBe(backup!.rows); // every row of the backup, counted after the restore
    const viewer = await userWithToken("viewer");
    const res = await call(scorecard.GET, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.platform[0]).toMatchObject({ key: "restore_drill", status: "pass" });
    expect(res.body.platform[0].details[1]).toBe(`last drill today: ${drill.rows} rows restored and checked`);
  }, 120_000);

  it("a corrupt newest backup fails the drill, is recorded and fails the check", async () => {
    fs.writeFileSync(path.join(dir, "srecp-backup-2099-01-01T00-00-00-000Z.json.gz"), "not a backup");
    await expect(runRestoreDrill()).rejects.toThrow(/restore exited 1/);
    const last = await (
      await getDb()
    ).backupRun.findFirst({ where: { kind: "drill" }, orderBy: { startedAt: "desc" } });
    expect(last).toMatchObject({ ok: false, file: "srecp-backup-2099-01-01T00-00-00-000Z.json.gz" });
    expect(last!.error).toMatch(/not a srecp-backup v1 file/);
    const [check] = await platformChecks(Date.now());
    expect(check!.status).toBe("fail");
    expect(check!.reason).toMatch(/^The latest restore drill failed \(the one before succeeded today\)/);
  }, 120_000);
});
