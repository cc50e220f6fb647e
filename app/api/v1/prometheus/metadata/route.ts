import { z } from "zod";
import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { prometheusMetadata } from "@/lib/services/slo/metadata";

// GET /api/v1/prometheus/metadata?kind=metrics|labels|values&service=&metric=&label= – completion data.
const query = z.object({
  kind: z.enum(["metrics", "labels", "values"], { error: "must be metrics, labels or values" }),
  service: z.string().optional(),
  metric: z.string().max(500).optional(),
  label: z.string().max(200).optional(),
});
export const GET = apiRoute("/api/v1/prometheus/metadata", async ({ req, actor }) => prometheusMetadata(actor, parseQuery(req, query)));
