import { apiRoute, parseBody } from "@/lib/http/api-route";
import { previewSlo } from "@/lib/services/slo/preview";
import { sloPreviewSchema } from "@/lib/validation/slo";

// POST /api/v1/slos/preview – what a definition would report, before saving (the wizard's live preview).
export const POST = apiRoute("/api/v1/slos/preview", async ({ req, actor }) =>
  previewSlo(actor, await parseBody(req, sloPreviewSchema), Date.now()),
);
