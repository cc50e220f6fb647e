import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createSchedule, listSchedules } from "@/lib/services/oncall/schedules";
import { createScheduleSchema, listSchedulesSchema } from "@/lib/validation/oncall";

// GET /api/v1/schedules?team= – schedules with who is on call now; POST – create (editor of the team).
const route = "/api/v1/schedules";
export const GET = apiRoute(route, async ({ req, actor }) =>
  listSchedules(actor, parseQuery(req, listSchedulesSchema)),
);
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(await createSchedule(actor, await parseBody(req, createScheduleSchema))),
);
