import "server-only";
// The data layer: the only place that imports the generated Prisma client.
export { getDb, closeDb, type Db } from "./client";
export { isDbUnavailable, isUniqueViolation, knownDbError } from "./errors";
export { Prisma } from "./generated/client";
export type {
  Team,
  User,
  Service,
  ApiToken,
  AuditEvent,
  Membership,
  Role,
  Slo,
  SloVersion,
  DataSource,
} from "./generated/client";
export { findRollupSpans, insertRollups, sumRollups, type RollupRow, type RollupSpan } from "./rollups";
