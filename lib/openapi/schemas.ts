/**
 * Response shapes. Request schemas live in lib/validation and are imported from there by the route
 * files (lib/openapi/routes/*): the same objects the handlers validate with.
 */

// The generic building blocks live with the views (lib/validation/views/common.ts).
export { errorEnvelope } from "@/lib/validation/views/common";

// Request schemas of single endpoints live in lib/validation/queries.ts, used by the handlers too.
export {
  auditQuerySchema as auditQuery,
  rulesQuerySchema as rulesQuery,
  prometheusMetadataQuerySchema as prometheusMetadataQuery,
  approveVersionSchema as approveVersionBody,
  rejectVersionSchema as rejectVersionBody,
  timelineQuerySchema as timelineQuery,
  postmortemExportQuerySchema as postmortemExportQuery,
} from "@/lib/validation/queries";
