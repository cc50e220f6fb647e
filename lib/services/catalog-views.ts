import "server-only";
import type { ServiceRow, TeamCountsRow, TeamMembersRow } from "@/lib/db/repos/catalog";
import type { Team } from "@/lib/db";
import type { ServiceView, TeamDetailView, TeamRowView, TeamView } from "@/lib/validation/views/catalog";

// Rows of the catalog (lib/db/repos/catalog.ts) → the response views (lib/validation/views/catalog.ts): instants as ISO strings.

export const toTeamRowView = (
  t: Pick<Team, "id" | "slug" | "name" | "timezone" | "description" | "createdAt" | "updatedAt">,
): TeamRowView => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  timezone: t.timezone,
  description: t.description,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const toTeamView = (t: TeamCountsRow): TeamView => ({
  ...toTeamRowView(t),
  _count: { services: t._count.services, memberships: t._count.memberships },
});

export const toTeamDetailView = (t: TeamMembersRow): TeamDetailView => ({
  ...toTeamView(t),
  memberships: t.memberships.map((m) => ({
    user: { id: m.user.id, email: m.user.email, name: m.user.name, role: m.user.role },
  })),
});

export const toServiceView = (s: ServiceRow): ServiceView => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  tier: s.tier,
  description: s.description,
  runbookUrl: s.runbookUrl,
  repoUrl: s.repoUrl,
  dashboardUrl: s.dashboardUrl,
  managedBy: s.managedBy,
  version: s.version,
  dataSource: s.dataSource ? { id: s.dataSource.id, name: s.dataSource.name } : null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  team: { id: s.team.id, slug: s.team.slug, name: s.team.name, timezone: s.team.timezone },
});
