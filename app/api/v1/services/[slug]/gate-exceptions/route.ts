import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { grantGateException, listGateExceptions, revokeGateExceptions } from "@/lib/services/gate";
import { grantGateExceptionSchema, listGateExceptionsSchema } from "@/lib/validation/deployments";

// GET /api/v1/services/{slug}/gate-exceptions?include=active|all – exceptions to a frozen release gate;
// POST – grant a time-boxed one (approver of the team, audited); DELETE – revoke every active one.
const route = "/api/v1/services/[slug]/gate-exceptions";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listGateExceptions(actor, params.slug!, parseQuery(req, listGateExceptionsSchema).include),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await grantGateException(actor, params.slug!, await parseBody(req, grantGateExceptionSchema))),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => revokeGateExceptions(actor, params.slug!));
