import { apiRoute } from "@/lib/http/api-route";
import { revokeFeed } from "@/lib/services/oncall/calendar-feeds";

// DELETE – revoke a feed: its URL answers 404 from now on.
export const DELETE = apiRoute("/api/v1/calendar/feeds/[id]", async ({ params, actor }) =>
  revokeFeed(actor, params.id!),
);
