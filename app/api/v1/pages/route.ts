import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { listPages } from "@/lib/services/oncall/pages";
import { listPagesSchema } from "@/lib/validation/oncall";

// GET /api/v1/pages?status=triggered|acknowledged|resolved|open&service=&page=&pageSize= – newest first.
export const GET = apiRoute("/api/v1/pages", async ({ req, actor }) =>
  listPages(actor, parseQuery(req, listPagesSchema)),
);
