import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { scheduleOncallAt } from "@/lib/services/oncall/oncall-now";
import { atQuerySchema } from "@/lib/validation/oncall";

// GET /api/v1/schedules/{id}/oncall?at= – who is on call at an instant (default now).
export const GET = apiRoute("/api/v1/schedules/[id]/oncall", async ({ req, params, actor }) =>
  scheduleOncallAt(actor, params.id!, parseQuery(req, atQuerySchema).at),
);
