import { getDb } from "@/lib/db";
import type { Sli, SloWindow } from "@/lib/slo";

/** The flattened view of an SLO and the version in force that the engine works with. */
export type SloDef = {
  id: string;
  name: string;
  description: string;
  runbookUrl: string | null;
  alerting: boolean;
  labels: Record<string, string>;
  revision: number;
  service: { id: string; slug: string; name: string; teamId: string; teamSlug: string; dataSourceId: string | null };
  version: { id: string; number: number; sli: Sli; objective: number; window: SloWindow; effectiveFrom: Date; status: string };
  createdAt: Date;
  updatedAt: Date;
};

export type SloFilter = { ids?: string[]; serviceSlug?: string; teamSlug?: string; teamIds?: string[] };

const include = {
  service: { select: { id: true, slug: true, name: true, teamId: true, dataSourceId: true, team: { select: { slug: true } } } },
  versions: { where: { status: "active" }, orderBy: { number: "desc" as const }, take: 1 },
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];

async function findRows(filter: SloFilter) {
  const db = await getDb();
  return db.slo.findMany({
    where: {
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      ...(filter.serviceSlug ? { service: { slug: filter.serviceSlug } } : {}),
      ...(filter.teamSlug ? { service: { team: { slug: filter.teamSlug } } } : {}),
      ...(filter.teamIds ? { service: { teamId: { in: filter.teamIds } } } : {}),
    },
    include,
    orderBy: [{ service: { slug: "asc" } }, { name: "asc" }],
  });
}

function toDef(row: Row): SloDef | null {
  const v = row.versions[0];
  if (!v) return null; // no version in force yet (e.g. the first one awaits sign-off)
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    runbookUrl: row.runbookUrl,
    alerting: row.alerting,
    labels: row.labels as Record<string, string>,
    revision: row.revision,
    service: { id: row.service.id, slug: row.service.slug, name: row.service.name, teamId: row.service.teamId, teamSlug: row.service.team.slug, dataSourceId: row.service.dataSourceId },
    version: { id: v.id, number: v.number, sli: v.sli as Sli, objective: v.objective, window: v.window as SloWindow, effectiveFrom: v.effectiveFrom, status: v.status },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** SLOs with a version in force, ordered by service then name. */
export async function loadSloDefs(filter: SloFilter = {}): Promise<SloDef[]> {
  return (await findRows(filter)).map(toDef).filter((d): d is SloDef => d !== null);
}

export async function loadSloDef(id: string): Promise<SloDef | null> {
  return (await loadSloDefs({ ids: [id] }))[0] ?? null;
}
