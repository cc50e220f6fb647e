import { z } from "zod";
import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { listAudit } from "@/lib/services/audit";
import { paginationSchema } from "@/lib/validation/common";

// GET /api/v1/audit?entityType=&entityId=&page= – audit events, newest first (admin).
const query = paginationSchema.extend({ entityType: z.string().optional(), entityId: z.string().optional() });
export const GET = apiRoute("/api/v1/audit", async ({ req, actor }) => listAudit(actor, parseQuery(req, query)));
