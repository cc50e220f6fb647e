import { apiRoute } from "@/lib/http/api-route";
import { allRulesYaml } from "@/lib/services/slo/rules";

// GET /api/v1/rules?service= – Prometheus rule file (YAML) for all SLOs.
export const GET = apiRoute("/api/v1/rules", async ({ req, actor }) =>
  new Response(await allRulesYaml(actor, new URL(req.url).searchParams.get("service") ?? undefined), {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'inline; filename="slo-rules.yml"' },
  }),
);
