import { apiRoute, created, parseBody } from "@/lib/http/api-route";
import { createPersonFeed, listFeeds } from "@/lib/services/oncall/calendar-feeds";
import { createPersonFeedSchema } from "@/lib/validation/oncall";

// GET – your calendar feeds (admins: all); POST {userId?} – a secret feed of your shifts in every schedule (URL shown once).
const route = "/api/v1/calendar/feeds";
export const GET = apiRoute(route, async ({ actor }) => listFeeds(actor, {}));
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(
    await createPersonFeed(actor, (await parseBody(req, createPersonFeedSchema)).userId, new URL(req.url).origin),
  ),
);
