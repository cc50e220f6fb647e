import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteSchedule, getSchedule, updateSchedule } from "@/lib/services/oncall/schedules";
import { updateScheduleSchema } from "@/lib/validation/oncall";

// GET (layers, on call now, rotation health) / PATCH (requires "version"; layers = the complete new list) / DELETE.
const route = "/api/v1/schedules/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getSchedule(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateSchedule(actor, params.id!, await parseBody(req, updateScheduleSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteSchedule(actor, params.id!));
