import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import type { ServiceView, TeamDetailView, TeamRowView, TeamView } from "@/lib/validation/views/catalog";

// Prisma rows of the catalog → the response views (lib/validation/views/catalog.ts): instants as ISO strings.

type TeamRow = { id: string; slug: string; name: string; timezone: string; description: string; createdAt: Date; updatedAt: Date };
type Counts = { _count: { services: number; memberships: number } };
type Members = { memberships: { user: { id: string; email: string; name: string; role: RoleName } }[] };

export const toTeamRowView = (t: TeamRow): TeamRowView => ({
  id: t.id, slug: t.slug, name: t.name, timezone: t.timezone, description: t.description, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(),
});

export const toTeamView = (t: TeamRow & Counts): TeamView => ({ ...toTeamRowView(t), _count: { services: t._count.services, memberships: t._count.memberships } });

export const toTeamDetailView = (t: TeamRow & Counts & Members): TeamDetailView => ({
  ...toTeamView(t),
  memberships: t.memberships.map((m) => ({ user: { id: m.user.id, email: m.user.email, name: m.user.name, role: m.user.role } })),
});

type ServiceRow = Omit<ServiceView, "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };

export const toServiceView = (s: ServiceRow): ServiceView => ({
  id: s.id, slug: s.slug, name: s.name, tier: s.tier, description: s.description, runbookUrl: s.runbookUrl, repoUrl: s.repoUrl, dashboardUrl: s.dashboardUrl,
  managedBy: s.managedBy, version: s.version, dataSource: s.dataSource ? { id: s.dataSource.id, name: s.dataSource.name } : null,
  createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  team: { id: s.team.id, slug: s.team.slug, name: s.team.name, timezone: s.team.timezone },
});
