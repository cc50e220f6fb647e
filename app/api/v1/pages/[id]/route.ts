import { apiRoute } from "@/lib/http/api-route";
import { getPage } from "@/lib/services/oncall/pages";

// GET – one page with its events.
export const GET = apiRoute("/api/v1/pages/[id]", async ({ params, actor }) => getPage(actor, params.id!));
