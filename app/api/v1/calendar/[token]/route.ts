import { AppError } from "@/lib/errors";
import { publicRoute } from "@/lib/http/api-route";
import { renderFeed } from "@/lib/services/oncall/calendar-feeds";

// GET /api/v1/calendar/{token}.ics – the iCal feed; no session: the secret token is the credential.
// Unknown and revoked tokens answer 404.
export const GET = publicRoute("/api/v1/calendar/[token]", async ({ params }) => {
  const feed = await renderFeed(params.token ?? "");
  if (!feed) throw new AppError("NOT_FOUND", "calendar feed not found");
  return new Response(feed.body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `inline; filename="${feed.filename.replace(/[^\w.\- ]/g, "_")}"`,
      "cache-control": "private, max-age=300",
    },
  });
});
