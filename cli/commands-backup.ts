import fs from "node:fs";
import path from "node:path";
import { ensureEmbeddedDbMigrated, migrate } from "./db";
import { CliError } from "./args";

type Flags = Record<string, string | true>;
type Command = (args: { flags: Flags; root: string }) => Promise<number | void>;

/** `srecp backup` / `srecp restore` (lib/services/backup.ts): no pg_dump needed, embedded or PostgreSQL. */
export const BACKUP_USAGE = `
  srecp backup [--file F]              all data to a compressed, versioned file (default srecp-backup-<UTC time>.json.gz)
  srecp restore --file F [--force]     into an empty database (migrated first); --force replaces existing data
  srecp restore-drill [--file F]       restore F (default: the newest in SRECP_BACKUP_DIR) into a scratch database,
                                       check it, record the drill (readiness scorecard); the live data is untouched`;

const knownMigrations = (root: string) =>
  fs
    .readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { writeBackup } = await import("@/lib/services/backup");
    const file =
      typeof flags.file === "string"
        ? flags.file
        : `srecp-backup-${new Date().toISOString().replace(/[:.]/g, "-")}.json.gz`;
    const { tables, rows } = await writeBackup(file);
    console.log(`wrote ${file}: ${rows} rows from ${tables} tables`);
  },
  restore: async ({ flags, root }) => {
    if (typeof flags.file !== "string") throw new CliError("--file is required: the backup to restore");
    console.error(await migrate(root));
    const { restoreBackup } = await import("@/lib/services/backup");
    const { tables, rows } = await restoreBackup(flags.file, {
      knownMigrations: knownMigrations(root),
      force: flags.force === true,
    });
    console.log(`restored ${rows} rows into ${tables} tables from ${flags.file}`);
  },
  "restore-drill": async ({ flags, root }) => {
    await ensureEmbeddedDbMigrated(root);
    const { runRestoreDrill } = await import("@/lib/services/backup-schedule");
    const file = typeof flags.file === "string" ? path.resolve(flags.file) : undefined;
    const { rows, tables } = await runRestoreDrill({ ...(file ? { file } : {}), trigger: "cli" });
    console.log(`restore drill passed: ${rows} rows in ${tables} tables restored into a scratch database and checked`);
  },
};
