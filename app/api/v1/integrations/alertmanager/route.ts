import { created, publicRoute } from "@/lib/http/api-route";
import { ALERTMANAGER_BODY_LIMIT, readJsonBody } from "@/lib/http/body";
import { assertNoNulInBody } from "@/lib/http/nul-bytes";
import { receiveAlertmanagerWebhook } from "@/lib/services/oncall/alertmanager";

// POST /api/v1/integrations/alertmanager – Alertmanager webhook (version 4), authenticated by the
// integration's token (Authorization: Bearer). 201 when a page opened, 200 for a redelivery, a resolve or
// an ignored resolved group; 401 bad token; 415 not JSON; 413 over its own 5 MB body limit (large groups);
// 422 bad payload (fields named).
export const POST = publicRoute("/api/v1/integrations/alertmanager", async ({ req }) => {
  const body = await readJsonBody(req, ALERTMANAGER_BODY_LIMIT);
  assertNoNulInBody(body);
  const result = await receiveAlertmanagerWebhook(req.headers.get("authorization"), body);
  return result.action === "opened" ? created(result) : result;
});
