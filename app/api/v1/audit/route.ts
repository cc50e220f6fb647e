import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { listAudit } from "@/lib/services/audit";
import { auditQuerySchema } from "@/lib/validation/queries";

// GET /api/v1/audit?entityType=&entityId=&page= – audit events, newest first (admin).
export const GET = apiRoute("/api/v1/audit", async ({ req, actor }) =>
  listAudit(actor, parseQuery(req, auditQuerySchema)),
);
