import { publicRoute } from "@/lib/http/api-route";
import { openApiDocument } from "@/lib/openapi";

// GET /api/v1/openapi.json – the OpenAPI 3.1 document of every /api/v1 endpoint, generated from the zod
// schemas the handlers validate with (lib/openapi). Public: it describes the API, it holds no data.
export const GET = publicRoute("/api/v1/openapi.json", async () =>
  Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
