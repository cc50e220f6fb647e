import "server-only";
import { sharedCache } from "@/lib/cache/shared-cache";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { DEFAULT_POLICY, type PolicyThresholds } from "@/lib/slo";

/**
 * Read models for the SLO overview and the policy editor that lib/services/policy.ts (one service at a
 * time) does not offer: every service's effective thresholds in ONE query, and a team's own default.
 */
export type PolicyThresholdsView = PolicyThresholds & { scope: "service" | "team" | "default" };

/**
 * What the overview page reads about every service (O(services)), kept per process and dropped in every
 * process when a service, team ("slos") or budget policy ("policies") changes — so a page view of the
 * overview costs no SQL for them.
 */
const everyService = <V>() => sharedCache<V>(["slos", "policies"], { ttlMs: 60_000, maxEntries: 1 });
const thresholdsCache = everyService<Record<string, PolicyThresholdsView>>();
const optionsCache = everyService<FilterOptions>();

/** service slug → effective thresholds (service override, else team default, else built-in). */
export async function policyThresholdsBySlug(actor: Actor): Promise<Record<string, PolicyThresholdsView>> {
  assertCanRead(actor);
  return thresholdsCache.get("all", loadThresholds);
}

async function loadThresholds(): Promise<Record<string, PolicyThresholdsView>> {
  const db = await getDb();
  const rows = await db.service.findMany({
    select: { slug: true, budgetPolicy: true, team: { select: { budgetPolicy: true } } },
  });
  const pick = (p: { atRiskBelow: number; freezeAtOrBelow: number; freezeOnPageAlert: boolean }) => ({
    atRiskBelow: p.atRiskBelow,
    freezeAtOrBelow: p.freezeAtOrBelow,
    freezeOnPageAlert: p.freezeOnPageAlert,
  });
  return Object.fromEntries(
    rows.map((r) => [
      r.slug,
      r.budgetPolicy
        ? { ...pick(r.budgetPolicy), scope: "service" as const }
        : r.team.budgetPolicy
          ? { ...pick(r.team.budgetPolicy), scope: "team" as const }
          : { ...DEFAULT_POLICY, scope: "default" as const },
    ]),
  );
}

export type OwnPolicy = {
  atRiskBelow: number;
  freezeAtOrBelow: number;
  freezeOnPageAlert: boolean;
  agreedBy: string;
  agreedAt: string | null;
  notes: string;
  version: number;
};

const view = (
  p: {
    atRiskBelow: number;
    freezeAtOrBelow: number;
    freezeOnPageAlert: boolean;
    agreedBy: string;
    agreedAt: Date | null;
    notes: string;
    version: number;
  } | null,
): OwnPolicy | null =>
  p
    ? {
        atRiskBelow: p.atRiskBelow,
        freezeAtOrBelow: p.freezeAtOrBelow,
        freezeOnPageAlert: p.freezeOnPageAlert,
        agreedBy: p.agreedBy,
        agreedAt: p.agreedAt?.toISOString() ?? null,
        notes: p.notes,
        version: p.version,
      }
    : null;

/** A service's own policy and its team's default (each null when not set), for the policy editor. */
export async function ownPolicies(
  actor: Actor,
  serviceSlug: string,
): Promise<{ service: OwnPolicy | null; team: OwnPolicy | null; teamSlug: string; teamId: string; teamName: string }> {
  assertCanRead(actor);
  const db = await getDb();
  const s = await db.service.findUnique({
    where: { slug: serviceSlug },
    include: { budgetPolicy: true, team: { include: { budgetPolicy: true } } },
  });
  if (!s) throw notFound(`service "${serviceSlug}"`);
  return {
    service: view(s.budgetPolicy),
    team: view(s.team.budgetPolicy),
    teamSlug: s.team.slug,
    teamId: s.team.id,
    teamName: s.team.name,
  };
}

/** Teams and services (with their team; null when there are many) for the SLO overview's filter selects. */
export async function sloFilterOptions(actor: Actor): Promise<FilterOptions> {
  assertCanRead(actor);
  return optionsCache.get("all", loadFilterOptions);
}

/** Beyond this many services the page does not list them all: the service select asks per team. */
export const SERVICE_OPTIONS_LIMIT = 200;

/** `services` is null when there are more than SERVICE_OPTIONS_LIMIT (the page stays small at any size). */
type FilterOptions = { teams: string[]; services: { slug: string; team: string }[] | null };

async function loadFilterOptions(): Promise<FilterOptions> {
  const db = await getDb();
  const services = await db.service.findMany({
    select: { slug: true, team: { select: { slug: true } } },
    orderBy: { slug: "asc" },
    take: SERVICE_OPTIONS_LIMIT + 1,
  });
  const teams = (await db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((t) => t.slug);
  return {
    teams,
    services:
      services.length > SERVICE_OPTIONS_LIMIT ? null : services.map((s) => ({ slug: s.slug, team: s.team.slug })),
  };
}
