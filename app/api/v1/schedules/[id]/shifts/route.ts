import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { scheduleShifts } from "@/lib/services/oncall/timeline";
import { windowQuerySchema } from "@/lib/validation/oncall";

// GET /api/v1/schedules/{id}/shifts?from=&to= – the final timeline: segments (people, source), per-person shifts, gaps, per-layer shifts, overrides.
export const GET = apiRoute("/api/v1/schedules/[id]/shifts", async ({ req, params, actor }) =>
  scheduleShifts(actor, params.id!, parseQuery(req, windowQuerySchema)),
);
