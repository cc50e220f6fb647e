import "server-only";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { loadExtendedDemo } from "./demo-extended";
import { openDemoPage } from "./demo-page";

/** A small, realistic demo organisation. Loading it twice changes nothing (upserts by slug/email). */
const TEAMS = [
  { slug: "commerce", name: "Commerce", timezone: "Europe/Berlin", description: "Checkout and payments" },
  { slug: "discovery", name: "Discovery", timezone: "America/New_York", description: "Search and recommendations" },
];
const SERVICES = [
  {
    slug: "checkout",
    name: "Checkout API",
    team: "commerce",
    tier: 1,
    description: "Takes orders and starts payment.",
  },
  { slug: "payments", name: "Payments gateway", team: "commerce", tier: 1, description: "Talks to card processors." },
  { slug: "search", name: "Search", team: "discovery", tier: 2, description: "Product search and autocomplete." },
  { slug: "recommendations", name: "Recommendations", team: "discovery", tier: 3, description: "Related products." },
];
export const DEMO_PASSWORD = "demo-password-1";
const USERS = [
  { email: "alice@example.com", name: "Alice (SRE)", role: "editor" as const, teams: ["commerce"] },
  { email: "bob@example.com", name: "Bob (manager)", role: "approver" as const, teams: ["commerce", "discovery"] },
  { email: "dana@example.com", name: "Dana (SRE)", role: "editor" as const, teams: ["discovery"] },
  { email: "victor@example.com", name: "Victor (viewer)", role: "viewer" as const, teams: [] },
];

/** One line per demo user for the CLI: e-mail, role, password. A user that existed before the demo keeps its password. */
export const demoLoginLines = (existedBefore: ReadonlySet<string>): string[] =>
  USERS.map(
    (u) =>
      `  ${u.email.padEnd(20)} ${u.role.padEnd(8)} ${existedBefore.has(u.email) ? "(existed before the demo: password unchanged)" : DEMO_PASSWORD}`,
  );

/** `nowMs`: the instant the demo's incidents and pages are placed relative to (the demo traffic's end). */
export async function loadDemo(actor: Actor, nowMs = Date.now()): Promise<string> {
  assertAdmin(actor, "demo data");
  const db = await getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const existing = await db.user.findMany({
    where: { email: { in: USERS.map((u) => u.email) } },
    select: { email: true },
  });
  const existedBefore = new Set(existing.map((u) => u.email));
  const base = await db.$transaction(async (tx) => {
    const teams = new Map<string, string>();
    for (const t of TEAMS)
      teams.set(t.slug, (await tx.team.upsert({ where: { slug: t.slug }, update: {}, create: t })).id);
    for (const { team, ...s } of SERVICES) {
      const base = `https://git.example.com/${team}/${s.slug}`;
      await tx.service.upsert({
        where: { slug: s.slug },
        update: {},
        create: {
          ...s,
          teamId: teams.get(team)!,
          repoUrl: base,
          runbookUrl: `${base}/blob/main/RUNBOOK.md`,
          dashboardUrl: `https://grafana.example.com/d/${s.slug}`,
        },
      });
    }
    for (const { teams: ts, ...u } of USERS) {
      const user = await tx.user.upsert({ where: { email: u.email }, update: {}, create: { ...u, passwordHash } });
      for (const slug of ts) {
        const teamId = teams.get(slug)!;
        await tx.membership.upsert({
          where: { userId_teamId: { userId: user.id, teamId } },
          update: {},
          create: { userId: user.id, teamId },
        });
      }
    }
    await recordAudit(tx, actor, {
      action: "demo.load",
      entityType: "demo",
      entityId: "demo",
      after: { teams: TEAMS.length, services: SERVICES.length, users: USERS.length },
    });
    return `demo loaded: ${TEAMS.length} teams, ${SERVICES.length} services, ${USERS.length} users (password "${DEMO_PASSWORD}")`;
  });
  const extended = await loadExtendedDemo(actor, nowMs);
  const page = await openDemoPage(actor, nowMs);
  return [`${base}; ${extended}; ${page}`, "sign in (e-mail, role, password):", ...demoLoginLines(existedBefore)].join(
    "\n",
  );
}
