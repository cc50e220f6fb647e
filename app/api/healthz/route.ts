import { publicRoute } from "@/lib/http/api-route";

// GET /api/healthz – liveness: the process answers. Never touches the database.
export const dynamic = "force-dynamic";
export const GET = publicRoute("/api/healthz", async () => ({ status: "ok" }));
