import { z } from "zod";
import { instant, pageOf } from "./common";
import { roleSchema } from "@/lib/validation/users";

/**
 * Response views of the catalog: teams and services (GET/POST /teams, /teams/{slug}, /services,
 * /services/{slug}). Built from Prisma rows by lib/services/catalog-views.ts.
 */

/** A team as stored (POST and PATCH /teams answer it). */
export const teamRowView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string().describe("IANA time zone of the team's schedules and reports"),
  description: z.string(),
  createdAt: instant(),
  updatedAt: instant(),
});
export type TeamRowView = z.infer<typeof teamRowView>;

/** A team in lists, with how many services and members it has. */
export const teamView = teamRowView.extend({
  _count: z.object({ services: z.number().int(), memberships: z.number().int() }),
});
export type TeamView = z.infer<typeof teamView>;
export const teamPage = pageOf(teamView);
export type TeamPage = z.infer<typeof teamPage>;

/** GET /teams/{slug}: the team with its members. */
export const teamDetailView = teamView.extend({
  memberships: z.array(
    z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema }) }),
  ),
});
export type TeamDetailView = z.infer<typeof teamDetailView>;

export const serviceView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  tier: z.number().int().describe("1 = most critical … 4 = least"),
  description: z.string(),
  runbookUrl: z.string().nullable(),
  repoUrl: z.string().nullable(),
  dashboardUrl: z.string().nullable(),
  managedBy: z.string().nullable().describe('set when the service is managed as code (srecp apply sets "srecp")'),
  version: z.number().int().describe("bumped on every change; send it back on PATCH for optimistic concurrency"),
  dataSource: z.object({ id: z.string(), name: z.string() }).nullable().describe("null = the default data source"),
  createdAt: instant(),
  updatedAt: instant(),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string(), timezone: z.string() }),
});
export type ServiceView = z.infer<typeof serviceView>;
export const servicePage = pageOf(serviceView);
export type ServicePage = z.infer<typeof servicePage>;

/** DELETE /teams/{slug}, /services/{slug}, /datasources/{id}: what was deleted (slug or id). */
export const deletedView = z.object({ deleted: z.string() });
export type DeletedView = z.infer<typeof deletedView>;
