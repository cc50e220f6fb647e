import "server-only";
import { z } from "zod";
import { integrationRouteSchema, type IntegrationRouteInput } from "@/lib/validation/oncall";
import { parseColumn } from "./parse-column";

// Alertmanager integrations: the routes JSON column parsed with the schema that validates it on write.

const routesSchema = z.array(integrationRouteSchema);

/** Integration.kind: the only kind of intake there is. */
export const integrationKind = (row: { id: string; kind: string }): "alertmanager" =>
  parseColumn(z.literal("alertmanager"), row.kind, { table: "Integration", id: row.id, field: "kind" });

/** The ordered routes of an integration (label matchers → service slug; the first match wins). */
export const integrationRoutes = (row: { id: string; routes: unknown }): IntegrationRouteInput[] =>
  parseColumn(routesSchema, row.routes, { table: "Integration", id: row.id, field: "routes" });
