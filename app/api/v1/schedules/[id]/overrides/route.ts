import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createOverride, listOverrides } from "@/lib/services/oncall/overrides";
import { listOverridesSchema, overrideInputSchema } from "@/lib/validation/oncall";

// GET ?from=&to=&includeCancelled= (default: not yet ended) / POST – create an override.
const route = "/api/v1/schedules/[id]/overrides";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listOverrides(actor, params.id!, parseQuery(req, listOverridesSchema)),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createOverride(actor, params.id!, await parseBody(req, overrideInputSchema))),
);
