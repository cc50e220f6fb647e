import { apiRoute } from "@/lib/http/api-route";
import { cancelOverride } from "@/lib/services/oncall/overrides";

// DELETE – cancel a future override, or end a running one now.
export const DELETE = apiRoute("/api/v1/schedules/[id]/overrides/[overrideId]", async ({ params, actor }) =>
  cancelOverride(actor, params.id!, params.overrideId!),
);
