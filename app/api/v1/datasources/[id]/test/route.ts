import { apiRoute, parseBody } from "@/lib/http/api-route";
import { testDataSource } from "@/lib/services/datasource-test";
import { testDataSourceSchema } from "@/lib/validation/datasources";

// POST /api/v1/datasources/{id}/test – run a sample instant query against the saved source (admin).
export const POST = apiRoute("/api/v1/datasources/[id]/test", async ({ req, params, actor }) =>
  testDataSource(actor, params.id!, await parseBody(req, testDataSourceSchema)),
);
