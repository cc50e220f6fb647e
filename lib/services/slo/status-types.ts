import "server-only";
import type { SloStatusBody } from "@/lib/validation/views/slos";

/**
 * The JSON status of one SLO (GET /api/v1/slos/{id}/status, without `computing`), as the engine builds it
 * and the read model stores it: the shape is the zod schema `sloStatusBody` (lib/validation/views/slos.ts).
 */
export type SloStatus = SloStatusBody;
