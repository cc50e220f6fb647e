import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createService, listServices } from "@/lib/services/catalog";
import { createServiceSchema, listServicesSchema } from "@/lib/validation/catalog";

// GET /api/v1/services?team=&q=&page=&pageSize= – list; POST – create (editor of the owning team).
export const GET = apiRoute("/api/v1/services", async ({ req, actor }) =>
  listServices(actor, parseQuery(req, listServicesSchema)),
);
export const POST = apiRoute("/api/v1/services", async ({ req, actor }) =>
  created(await createService(actor, await parseBody(req, createServiceSchema))),
);
