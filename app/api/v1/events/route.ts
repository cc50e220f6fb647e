import { assertCanRead } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { liveEventStream } from "@/lib/events/stream";
import { apiRoute } from "@/lib/http/api-route";

// GET /api/v1/events – Server-Sent Events: `slo-status` when SLO statuses change, `page` when a page opens
// or changes (`forYou` when it is addressed to the viewer). One stream per tab replaces polling.
export const dynamic = "force-dynamic";
export const GET = apiRoute("/api/v1/events", async ({ req, actor }) => {
  assertCanRead(actor);
  return new Response(liveEventStream(actor, req.signal, env().sseMaxSeconds), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
