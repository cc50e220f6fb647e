import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { prometheusMetadata } from "@/lib/services/slo/metadata";
import { prometheusMetadataQuerySchema } from "@/lib/validation/queries";

// GET /api/v1/prometheus/metadata?kind=metrics|labels|values&service=&metric=&label= – completion data.
export const GET = apiRoute("/api/v1/prometheus/metadata", async ({ req, actor }) =>
  prometheusMetadata(actor, parseQuery(req, prometheusMetadataQuerySchema)),
);
