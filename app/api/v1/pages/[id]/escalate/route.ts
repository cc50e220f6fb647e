import { apiRoute } from "@/lib/http/api-route";
import { escalatePageNow } from "@/lib/services/oncall/pages";

// POST – escalate now: the policy's next step is notified at once (as from a message's link).
export const POST = apiRoute("/api/v1/pages/[id]/escalate", async ({ params, actor }) =>
  escalatePageNow(actor, params.id!),
);
