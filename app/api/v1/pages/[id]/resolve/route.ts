import { apiRoute } from "@/lib/http/api-route";
import { resolvePage } from "@/lib/services/oncall/pages";

// POST – resolve: closes the page.
export const POST = apiRoute("/api/v1/pages/[id]/resolve", async ({ params, actor }) => resolvePage(actor, params.id!));
