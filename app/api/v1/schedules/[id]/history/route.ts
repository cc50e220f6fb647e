import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { onCallHistory } from "@/lib/services/oncall/oncall-log";
import { windowQuerySchema } from "@/lib/validation/oncall";

// GET /api/v1/schedules/{id}/history?from=&to= – who actually was on call (recorded as it happened).
export const GET = apiRoute("/api/v1/schedules/[id]/history", async ({ req, params, actor }) => ({
  items: await onCallHistory(actor, params.id!, parseQuery(req, windowQuerySchema)),
}));
