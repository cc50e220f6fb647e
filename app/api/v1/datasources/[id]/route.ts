import { apiRoute } from "@/lib/http/api-route";
import { deleteDataSource } from "@/lib/services/datasources";

// DELETE /api/v1/datasources/{id} – services using it fall back to the default PROMETHEUS_URL.
export const DELETE = apiRoute("/api/v1/datasources/[id]", async ({ params, actor }) => deleteDataSource(actor, params.id!));
