import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { BURN_ALERT_NAMES } from "@/lib/slo/alerts";
import type { RunbookVersionsView, RunbookVersionView, RunbookView } from "@/lib/validation/views/runbooks";
import { publicBaseUrl } from "../notify/action-links";

// Reading in-app runbooks (issue 16 item 5). A runbook is one (SLO, tier) series of versions; tier null is
// the runbook of all tiers. The newest version is the runbook; version 0 means none was written yet.

type Row = {
  version: number;
  tier: string | null;
  body: string;
  authorId: string | null;
  authorLabel: string;
  createdAt: Date;
};
type Db = Pick<Awaited<ReturnType<typeof getDb>>, "runbookVersion" | "slo">;

export const versionView = (r: Row): RunbookVersionView => ({
  version: r.version,
  tier: r.tier,
  body: r.body,
  author: { id: r.authorId, label: r.authorLabel },
  createdAt: r.createdAt.toISOString(),
});

/** The app's runbook page of each tier: what the generated alerts link to when an in-app runbook covers it. */
export const runbookPages = (sloId: string): Record<string, string> =>
  Object.fromEntries(BURN_ALERT_NAMES.map((t) => [t, `${publicBaseUrl()}/runbooks/${encodeURIComponent(sloId)}/${t}`]));

export async function requireSlo(db: Db, sloId: string) {
  const slo = await db.slo.findUnique({
    where: { id: sloId },
    select: { id: true, name: true, runbookUrl: true, service: { select: { teamId: true, slug: true } } },
  });
  if (!slo) throw notFound(`SLO ${sloId}`);
  return slo;
}

/** The newest version of (SLO, tier) as the API answers it. */
export async function readRunbook(db: Db, sloId: string, tier: string | null): Promise<RunbookView> {
  const slo = await requireSlo(db, sloId);
  const head = await db.runbookVersion.findFirst({ where: { sloId, tier }, orderBy: { version: "desc" } });
  return {
    sloId,
    tier,
    version: head?.version ?? 0,
    body: head?.body ?? "",
    author: head ? { id: head.authorId, label: head.authorLabel } : null,
    createdAt: head?.createdAt.toISOString() ?? null,
    externalUrl: slo.runbookUrl?.trim() || null,
    pages: runbookPages(sloId),
  };
}

export async function getRunbook(actor: Actor, sloId: string, tier: string | null): Promise<RunbookView> {
  assertCanRead(actor);
  return readRunbook(await getDb(), sloId, tier);
}

/** Every version of (SLO, tier), newest first: who wrote what, when (at most 200). */
export async function listRunbookVersions(
  actor: Actor,
  sloId: string,
  tier: string | null,
): Promise<RunbookVersionsView> {
  assertCanRead(actor);
  const db = await getDb();
  await requireSlo(db, sloId);
  const rows = await db.runbookVersion.findMany({ where: { sloId, tier }, orderBy: { version: "desc" }, take: 200 });
  return { sloId, tier, items: rows.map(versionView) };
}

/** The newest version of every runbook of an SLO (the all-tiers one and each tier's), for the runbook page. */
export async function runbookHeads(sloId: string): Promise<Row[]> {
  const db = await getDb();
  return db.runbookVersion.findMany({ where: { sloId }, orderBy: { version: "desc" }, distinct: ["tier"] });
}
