import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteDataSource, updateDataSource } from "@/lib/services/datasources";
import { updateDataSourceSchema } from "@/lib/validation/datasources";

// PATCH /api/v1/datasources/{id} – change fields, replace or remove secrets, make it the default (admin).
export const PATCH = apiRoute("/api/v1/datasources/[id]", async ({ req, params, actor }) =>
  updateDataSource(actor, params.id!, await parseBody(req, updateDataSourceSchema)),
);
// DELETE /api/v1/datasources/{id} – services using it fall back to the default source.
export const DELETE = apiRoute("/api/v1/datasources/[id]", async ({ params, actor }) =>
  deleteDataSource(actor, params.id!),
);
