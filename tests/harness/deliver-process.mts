// A delivery worker process for the exactly-once test: waits for `${argv[2]}.go`, then runs
// deliverDueNotifications (lib/services/notify/deliver.ts) pass after pass on the database in the
// environment until three passes in a row find nothing due, writes its {sent, retried, failed} totals as
// JSON to argv[2], and exits 0. Signals readiness with `${argv[2]}.ready`. argv[3], when given, is a comma
// list of user ids: only their notifications are delivered (other test files' rows share the database).
import fs from "node:fs";
import { closeDb } from "@/lib/db";
import { deliverDueNotifications } from "@/lib/services/notify/deliver";

const out = process.argv[2]!;
const scope = process.argv[3] ? { userIds: process.argv[3].split(",") } : undefined;
fs.writeFileSync(`${out}.ready`, "ready");
while (!fs.existsSync(`${out}.go`)) await new Promise((r) => setTimeout(r, 20));
const totals = { sent: 0, retried: 0, failed: 0 };
for (let idle = 0; idle < 3;) {
  const r = await deliverDueNotifications(Date.now(), scope);
  totals.sent += r.sent;
  totals.retried += r.retried;
  totals.failed += r.failed;
  idle = r.sent + r.retried + r.failed === 0 ? idle + 1 : 0;
  if (idle) await new Promise((res) => setTimeout(res, 100));
}
fs.writeFileSync(out, JSON.stringify(totals));
await closeDb();
process.exit(0);
