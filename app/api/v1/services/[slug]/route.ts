import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteService, getService, updateService } from "@/lib/services/catalog";
import { updateServiceSchema } from "@/lib/validation/catalog";

// GET/PATCH/DELETE /api/v1/services/{slug}. PATCH may carry "version" for optimistic concurrency.
const route = "/api/v1/services/[slug]";
export const GET = apiRoute(route, async ({ params, actor }) => getService(actor, params.slug!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateService(actor, params.slug!, await parseBody(req, updateServiceSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteService(actor, params.slug!));
