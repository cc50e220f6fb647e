import { describe, expect, it } from "vitest";
import { checkRestoreDrill } from "@/lib/readiness/restore-drill-check";

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 2, 12);

describe("restore drill check", () => {
  it("fails when no backup was ever restored, even with backups", () => {
    const r = checkRestoreDrill(
      { lastBackup: { atMs: now - DAY, ok: true }, lastDrill: null, lastOkDrillAtMs: null },
      now,
    );
    expect(r.status).toBe("fail");
    expect(r.reason).toMatch(/^No backup has ever been restored/);
    expect(r.details).toEqual(["last backup 1 day ago"]);
  });
  it("passes with a successful drill inside the window, fails just past it", () => {
    const at = now - 30 * DAY;
    const facts = { lastBackup: null, lastDrill: { atMs: at, ok: true, rows: 120, error: null }, lastOkDrillAtMs: at };
    expect(checkRestoreDrill(facts, now).status).toBe("pass");
    expect(checkRestoreDrill(facts, now + 1).status).toBe("fail");
    expect(checkRestoreDrill(facts, now).details).toEqual(["last drill 30 days ago: 120 rows restored and checked"]);
  });
  it("fails when the latest drill failed, naming the earlier success", () => {
    const r = checkRestoreDrill(
      {
        lastBackup: null,
        lastDrill: { atMs: now, ok: false, rows: null, error: "restore check failed" },
        lastOkDrillAtMs: now - 3 * DAY,
      },
      now,
    );
    expect(r.status).toBe("fail");
    expect(r.reason).toBe("The latest restore drill failed (the one before succeeded 3 days ago).");
    expect(r.details[0]).toBe("last drill today: failed — restore check failed");
  });
});
