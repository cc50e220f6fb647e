// A process that opens the embedded database through lib/db exactly as the app server does, runs the
// SQL given as argv[2] (printing its rows as one JSON line), and with --hold keeps the database open
// until SIGTERM, then closes it the way the server does (closeDb). Used to test the single-process lock.
import { closeDb, getDb } from "@/lib/db";

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x));

let stop: Promise<void> | undefined;
// Registered first, so a SIGTERM that arrives while the database is still opening is handled too.
process.once("SIGTERM", () => {
  stop ??= closeDb().then(() => process.exit(0));
});

async function run() {
  const db = await getDb();
  // argv[3] (optional, not a flag): a statement run first in the same session, e.g. SET TimeZone.
  const setup = process.argv[3] && !process.argv[3].startsWith("--") ? process.argv[3] : null;
  if (setup) await db.$executeRawUnsafe(setup);
  const rows = process.argv[2] ? await db.$queryRawUnsafe(process.argv[2]) : [];
  console.log(json({ ready: true, pid: process.pid, rows }));
  if (!process.argv.includes("--hold")) return closeDb();
  setInterval(() => {}, 60_000);
}

run().catch((err: Error) => {
  console.log(json({ ready: false, error: err.message }));
  process.exit(1);
});
