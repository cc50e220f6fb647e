import { publicRoute } from "@/lib/http/api-route";
import { checkReadiness } from "@/lib/services/health";

// GET /api/readyz – readiness: 200 when the database answers, 503 otherwise.
export const dynamic = "force-dynamic";
export const GET = publicRoute("/api/readyz", async () => {
  const result = await checkReadiness();
  return result.status === "ready"
    ? Response.json(result)
    : Response.json(result, { status: 503, headers: { "retry-after": "5" } });
});
