import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createTeam, listTeams } from "@/lib/services/teams";
import { createTeamSchema } from "@/lib/validation/catalog";
import { paginationSchema } from "@/lib/validation/common";

// GET /api/v1/teams – list teams (paginated); POST – create a team (admin).
export const GET = apiRoute("/api/v1/teams", async ({ req, actor }) =>
  listTeams(actor, parseQuery(req, paginationSchema)),
);
export const POST = apiRoute("/api/v1/teams", async ({ req, actor }) =>
  created(await createTeam(actor, await parseBody(req, createTeamSchema))),
);
