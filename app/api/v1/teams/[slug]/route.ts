import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteTeam, getTeam, updateTeam } from "@/lib/services/teams";
import { updateTeamSchema } from "@/lib/validation/catalog";

// GET/PATCH/DELETE /api/v1/teams/{slug}
const route = "/api/v1/teams/[slug]";
export const GET = apiRoute(route, async ({ params, actor }) => getTeam(actor, params.slug!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateTeam(actor, params.slug!, await parseBody(req, updateTeamSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteTeam(actor, params.slug!));
