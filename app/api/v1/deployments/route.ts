import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { listDeployments, recordDeployment } from "@/lib/services/deployments";
import { createDeploymentSchema, listDeploymentsSchema } from "@/lib/validation/deployments";

// GET /api/v1/deployments?service=&environment=&status=&from=&to=&limit= – deploy events, newest first
// (chart markers); POST – record one (editor of the service's team; token scope "deployments" or "write").
export const GET = apiRoute("/api/v1/deployments", async ({ req, actor }) =>
  listDeployments(actor, parseQuery(req, listDeploymentsSchema)),
);
export const POST = apiRoute("/api/v1/deployments", async ({ req, actor }) =>
  created(await recordDeployment(actor, await parseBody(req, createDeploymentSchema))),
);
