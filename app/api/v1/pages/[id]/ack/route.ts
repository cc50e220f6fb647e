import { apiRoute } from "@/lib/http/api-route";
import { acknowledgePage } from "@/lib/services/oncall/pages";

// POST – acknowledge: stops the escalation.
export const POST = apiRoute("/api/v1/pages/[id]/ack", async ({ params, actor }) => acknowledgePage(actor, params.id!));
