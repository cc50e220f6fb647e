import { apiRoute } from "@/lib/http/api-route";
import { listJobQueues } from "@/lib/services/jobs-admin";

// GET /api/v1/admin/jobs – the background jobs: queue depth, running, recent runs and failures (admin).
export const GET = apiRoute("/api/v1/admin/jobs", async ({ actor }) => listJobQueues(actor));
