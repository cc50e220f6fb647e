// Benchmark of page delivery (issue 13): 1,000 e-mail notifications to a real local SMTP server.
//   node bench/notifications.mjs [pages=100] [users=10]
// Seeds a fresh PostgreSQL database with `users` people who each have a verified e-mail method and one
// escalation policy paging all of them at step 1, starts the real job runner in this process (pg-boss;
// the delivery job runs at once after each page and every 5 s), then opens `pages` pages through the
// Alertmanager intake as fast as it can: pages × users notifications. Measures, per notification, the time
// from the page being opened (the Notification row is written in the same transaction) to SMTP accepting
// the message (the attempt the worker records), and checks the SMTP server received each exactly once.
// Appends "Notifications: page → SMTP" to bench/RESULTS.md. Needs PostgreSQL on 127.0.0.1:5432.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importFromRoot, reexecUnderTsx } from "./lib/run.mjs";

const PAGES = Number(process.argv[2] ?? 100);
const USERS = Number(process.argv[3] ?? 10);
const root = process.cwd();
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
reexecUnderTsx("NOTIFY_BENCH_TSX");
const imp = (p) => importFromRoot(root, p);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const { createTestDatabase } = await imp("tests/harness/postgres.ts");
  const { startSmtp } = await imp("tests/harness/smtp.ts");
  const smtp = await startSmtp();
  const db = await createTestDatabase("srecp_bench_notify");
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    SMTP_URL: smtp.url,
    SMTP_FROM: "srecp@bench.local",
    LOG_LEVEL: "warn",
    NEXTAUTH_URL: "http://127.0.0.1:3000",
    SECRET_KEY: "bench-secret-key-bench-secret-key",
    SRECP_ROLE: "both",
    SRECP_BACKUP_EVERY_HOURS: "0",
    SRECP_RESTORE_DRILL_EVERY_DAYS: "0",
  });
  const { SYSTEM_ACTOR } = await imp("lib/services/system-actor.ts");
  const { createTeam } = await imp("lib/services/teams.ts");
  const { createService } = await imp("lib/services/catalog.ts");
  const { createUser } = await imp("lib/services/users.ts");
  const { getDb, closeDb } = await imp("lib/db/index.ts");
  const { sealTarget } = await imp("lib/services/notify/contact-secrets.ts");
  const { createIntegration } = await imp("lib/services/oncall/integrations.ts");
  const { createEscalationPolicy } = await imp("lib/services/oncall/escalation-policies.ts");
  const { receiveAlertmanagerWebhook } = await imp("lib/services/oncall/alertmanager.ts");
  const { startJobRunner } = await imp("lib/jobs/runner.ts");
  const { stopBoss } = await imp("lib/jobs/boss.ts");
  try {
    await createTeam(SYSTEM_ACTOR, { slug: "bench", name: "Bench", timezone: "UTC", description: "" });
    await createService(SYSTEM_ACTOR, {
      slug: "bench-api",
      name: "Bench API",
      team: "bench",
      tier: 1,
      description: "",
      runbookUrl: null,
      repoUrl: null,
      dashboardUrl: null,
    });
    const prisma = await getDb();
    const users = [];
    for (let i = 0; i < USERS; i++) {
      const u = await createUser(SYSTEM_ACTOR, {
        email: `oncall${i}@bench.local`,
        name: `On-call ${i}`,
        role: "editor",
        teams: ["bench"],
        password: undefined,
      });
      await prisma.contactMethod.create({
        data: {
          userId: u.id,
          kind: "email",
          name: "work",
          targetSealed: sealTarget(`oncall${i}@bench.local`),
          targetLabel: `oncall${i}@bench.local`,
          verifiedAt: new Date(),
        },
      });
      users.push(u);
    }
    await createEscalationPolicy(SYSTEM_ACTOR, {
      team: "bench",
      name: "All hands",
      repeat: 0,
      services: ["bench-api"],
      steps: [{ delayMinutes: 30, targets: users.map((u) => ({ kind: "user", userId: u.id })) }],
    });
    const integration = await createIntegration(SYSTEM_ACTOR, {
      name: "bench-am",
      routes: [],
      defaultService: "bench-api",
    });
    await startJobRunner();
    await new Promise((r) => setTimeout(r, 2000)); // let the workers poll once
    const t0 = Date.now();
    for (let i = 0; i < PAGES; i++) {
      const fp = `bench-${i}`;
      await receiveAlertmanagerWebhook(`Bearer ${integration.token}`, {
        version: "4",
        status: "firing",
        receiver: "srecp",
        groupKey: fp,
        truncatedAlerts: 0,
        externalURL: "http://am.local",
        groupLabels: { alertname: fp },
        commonLabels: { alertname: fp, severity: "page" },
        commonAnnotations: { summary: "bench" },
        alerts: [
          {
            status: "firing",
            labels: { alertname: fp, severity: "page" },
            annotations: {},
            startsAt: new Date().toISOString(),
            endsAt: "0001-01-01T00:00:00Z",
            generatorURL: "",
            fingerprint: fp,
          },
        ],
      });
    }
    const openedMs = Date.now() - t0;
    const expected = PAGES * USERS;
    log(`opened ${PAGES} pages (${expected} notifications) in ${openedMs} ms`);
    const deadline = Date.now() + 10 * 60_000;
    while (smtp.messages.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const doneMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 3000)); // duplicates would arrive now
    const rows = await prisma.notification.findMany({
      where: { kind: "page" },
      include: { attemptLog: { where: { outcome: "accepted" } } },
    });
    const latencies = rows
      .filter((r) => r.attemptLog.length)
      .map((r) => r.attemptLog[0].at.getTime() - r.createdAt.getTime());
    const perRecipient = new Map();
    for (const m of smtp.messages) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const result = {
      pages: PAGES,
      users: USERS,
      expected,
      received: smtp.messages.length,
      recipients: perRecipient.size,
      accepted: latencies.length,
      openedMs,
      doneMs,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      max: Math.max(...latencies),
    };
    log(JSON.stringify(result));
    writeResults(result);
  } finally {
    await stopBoss();
    await closeDb();
    await smtp.stop();
    await db.drop();
  }
}

function writeResults(r) {
  const cpu = os.cpus();
  const lines = [
    "",
    "## Notifications: page → SMTP (bench/notifications.mjs)",
    "",
    `${new Date().toISOString().slice(0, 10)} · ${cpu.length} × ${cpu[0]?.model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · PostgreSQL 15 · npm smtp-server on 127.0.0.1`,
    "",
    "| pages × people | notifications received by SMTP | all opened in | all accepted after | throughput | page opened → SMTP accepted p50 | p99 | max |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${r.pages} × ${r.users} | ${r.received} of ${r.expected} (${r.accepted} attempts accepted) | ${(r.openedMs / 1000).toFixed(1)} s | ${(r.doneMs / 1000).toFixed(1)} s | ${(r.received / (r.doneMs / 1000)).toFixed(0)} msg/s | ${r.p50} ms | ${r.p99} ms | ${r.max} ms |`,
    "",
    `Target p99 ≤ 5 s. Exactly once: ${r.received === r.expected ? "yes" : "NO"} (${r.received} messages for ${r.expected} notifications). Load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (1/5/15 min, shared machine).`,
  ];
  fs.appendFileSync(path.join(root, "bench/RESULTS.md"), `${lines.join("\n")}\n`);
}

await main();
process.exit(0);
