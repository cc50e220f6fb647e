import { apiRoute, parseBody, parseQuery } from "@/lib/http/api-route";
import { assignIncidentRole, unassignIncidentRole } from "@/lib/services/incidents/roles";
import { assignRoleSchema } from "@/lib/validation/incidents";

// POST /api/v1/incidents/{id}/roles {role, user} – assign (a new commander relieves the previous one);
// DELETE /api/v1/incidents/{id}/roles?role=&user= – unassign. Both add a role_change timeline entry.
const route = "/api/v1/incidents/[id]/roles";
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  assignIncidentRole(actor, params.id!, await parseBody(req, assignRoleSchema)),
);
export const DELETE = apiRoute(route, async ({ req, params, actor }) =>
  unassignIncidentRole(actor, params.id!, parseQuery(req, assignRoleSchema)),
);
