import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { allRulesYaml } from "@/lib/services/slo/rules";
import { rulesQuerySchema } from "@/lib/validation/queries";

// GET /api/v1/rules?service= – Prometheus rule file (YAML) for all SLOs.
export const GET = apiRoute(
  "/api/v1/rules",
  async ({ req, actor }) =>
    new Response(await allRulesYaml(actor, parseQuery(req, rulesQuerySchema).service), {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": 'inline; filename="slo-rules.yml"',
      },
    }),
);
