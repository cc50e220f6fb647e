import { apiRoute } from "@/lib/http/api-route";
import { sloRulesYaml } from "@/lib/services/slo/rules";

// GET /api/v1/slos/{id}/rules – Prometheus rule file (YAML) for this SLO.
export const GET = apiRoute(
  "/api/v1/slos/[id]/rules",
  async ({ params, actor }) =>
    new Response(await sloRulesYaml(actor, params.id!), {
      headers: { "content-type": "application/yaml; charset=utf-8" },
    }),
);
