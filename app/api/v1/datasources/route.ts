import { apiRoute, created, parseBody } from "@/lib/http/api-route";
import { createDataSource, listDataSources } from "@/lib/services/datasources";
import { dataSourceSchema } from "@/lib/validation/slo";

// GET /api/v1/datasources – Prometheus data sources (secrets hidden); POST – add one (admin).
export const GET = apiRoute("/api/v1/datasources", async ({ actor }) => listDataSources(actor));
export const POST = apiRoute("/api/v1/datasources", async ({ req, actor }) =>
  created(await createDataSource(actor, await parseBody(req, dataSourceSchema))),
);
