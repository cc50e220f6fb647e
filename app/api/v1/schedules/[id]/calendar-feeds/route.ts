import { apiRoute, created } from "@/lib/http/api-route";
import { createScheduleFeed, listFeeds } from "@/lib/services/oncall/calendar-feeds";

// POST – a secret iCal feed URL of this schedule (shown once); GET – the feeds of this schedule you may see.
const route = "/api/v1/schedules/[id]/calendar-feeds";
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createScheduleFeed(actor, params.id!, new URL(req.url).origin)),
);
export const GET = apiRoute(route, async ({ params, actor }) => listFeeds(actor, { scheduleId: params.id! }));
