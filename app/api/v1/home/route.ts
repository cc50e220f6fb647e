import { apiRoute } from "@/lib/http/api-route";
import { homeFor } from "@/lib/services/home";

// GET /api/v1/home – what needs attention in my teams (admins: all): SLOs at risk or burning fast, who is
// on call now, open incidents and pages, postmortems due or overdue, overdue action items.
export const GET = apiRoute("/api/v1/home", async ({ actor }) => homeFor(actor));
