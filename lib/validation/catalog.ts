import { z } from "zod";
import { nameSchema, optionalUrlSchema, paginationSchema, slugSchema, timezoneSchema, versionSchema } from "./common";

export const createTeamSchema = z.object({
  slug: slugSchema,
  name: nameSchema,
  timezone: timezoneSchema.default("UTC"),
  description: z.string().max(2000).default(""),
});
export type CreateTeamInput = z.infer<typeof createTeamSchema>;
export const updateTeamSchema = createTeamSchema.partial().omit({ slug: true });

/** Set when a resource is managed as code (`srecp apply` sets "srecp"); null = managed in the UI. */
export const managedBySchema = z
  .string()
  .trim()
  .min(1)
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, dots, dashes and underscores")
  .nullable();

const serviceFields = {
  name: nameSchema,
  team: slugSchema.describe("slug of the owning team"),
  tier: z.coerce.number().int().min(1, "must be 1 to 4").max(4, "must be 1 to 4").default(3),
  description: z.string().max(5000, "must be at most 5000 characters").default(""),
  runbookUrl: optionalUrlSchema,
  repoUrl: optionalUrlSchema,
  dashboardUrl: optionalUrlSchema,
  /** Name of a Prometheus data source; unset/null = the default PROMETHEUS_URL. */
  dataSource: z.string().trim().max(120).nullish(),
};

export const createServiceSchema = z.object({
  slug: slugSchema,
  ...serviceFields,
  managedBy: managedBySchema.optional(),
});
export type CreateServiceInput = z.infer<typeof createServiceSchema>;

export const updateServiceSchema = z
  .object({
    name: serviceFields.name,
    team: serviceFields.team,
    tier: z.coerce.number().int().min(1, "must be 1 to 4").max(4, "must be 1 to 4"),
    description: z.string().max(5000, "must be at most 5000 characters"),
    runbookUrl: optionalUrlSchema,
    repoUrl: optionalUrlSchema,
    dashboardUrl: optionalUrlSchema,
    dataSource: z.string().trim().max(120).nullable(),
    managedBy: managedBySchema,
    version: versionSchema.optional(),
  })
  .partial()
  .strict();
export type UpdateServiceInput = z.infer<typeof updateServiceSchema>;

export const listServicesSchema = paginationSchema.extend({
  team: slugSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListServicesQuery = z.infer<typeof listServicesSchema>;
