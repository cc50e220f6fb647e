import { apiRoute } from "@/lib/http/api-route";
import { revokeGateExceptions } from "@/lib/services/gate";

// DELETE /api/v1/services/{slug}/gate-exceptions/{id} – revoke one exception (approver of the team, audited).
export const DELETE = apiRoute("/api/v1/services/[slug]/gate-exceptions/[id]", async ({ params, actor }) =>
  revokeGateExceptions(actor, params.slug!, params.id!),
);
