import { created, publicRoute } from "@/lib/http/api-route";
import { AppError } from "@/lib/errors";
import { assertNoNulInBody } from "@/lib/http/nul-bytes";
import { receiveAlertmanagerWebhook } from "@/lib/services/oncall/alertmanager";

// POST /api/v1/integrations/alertmanager – Alertmanager webhook (version 4), authenticated by the
// integration's token (Authorization: Bearer). 201 when a page opened, 200 for a redelivery, a resolve or
// an ignored resolved group; 401 bad token; 422 bad payload (fields named).
export const POST = publicRoute("/api/v1/integrations/alertmanager", async ({ req }) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "Request body must be valid JSON");
  }
  assertNoNulInBody(body);
  const result = await receiveAlertmanagerWebhook(req.headers.get("authorization"), body);
  return result.action === "opened" ? created(result) : result;
});
