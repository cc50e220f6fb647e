import "server-only";
import { Prisma } from "./generated/client";
import { AppError } from "@/lib/errors";

/**
 * The entity a Prisma model stands for, as people name it: "EscalationPolicy" → "escalation policy",
 * "SloVersion" → "SLO version". Prisma puts the model in the error's meta (for a unique violation, the
 * model of the table that refused the row), so the generic mapping names the entity without help.
 */
const entityOfModel = (model: string): string =>
  model
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((w) => (w === "Slo" ? "SLO" : w.toLowerCase()))
    .join(" ");

function entityOf(err: Prisma.PrismaClientKnownRequestError): string {
  const model = (err.meta as { modelName?: unknown } | undefined)?.modelName;
  return typeof model === "string" && model ? entityOfModel(model) : "record";
}

/**
 * Prisma's known request errors as AppError, so callers never see driver codes: P2002 unique violation →
 * CONFLICT naming the fields; P2025 record missing → NOT_FOUND; P2003 foreign key → CONFLICT (something
 * still refers to it). The entity is named after the error's model; the Prisma error stays as the cause.
 */
function fromKnownRequestError(err: Prisma.PrismaClientKnownRequestError): AppError | null {
  const what = entityOf(err);
  const cause = { cause: err };
  if (err.code === "P2002") {
    const target = uniqueTarget(err);
    return new AppError("CONFLICT", `${what} with this ${target} already exists`, { [target]: "already taken" }, cause);
  }
  if (err.code === "P2025") return new AppError("NOT_FOUND", `${what} not found`, undefined, cause);
  if (err.code === "P2003")
    return new AppError("CONFLICT", `${what} is still referenced by other records`, undefined, cause);
  return null;
}

function uniqueTarget(err: Prisma.PrismaClientKnownRequestError): string {
  type Cause = { constraint?: { fields?: string[]; index?: string }; table?: string };
  const meta = err.meta as { target?: unknown; driverAdapterError?: { cause?: Cause } } | undefined;
  const cause = meta?.driverAdapterError?.cause;
  const fields = cause?.constraint?.fields;
  if (Array.isArray(fields) && fields.length) return fields.map((f) => f.replace(/"/g, "")).join(", ");
  // PostgreSQL names only the index: Prisma's "<Table>_<field>_<field>_key" (fields are camelCase, no "_").
  const index = cause?.constraint?.index;
  const table = cause?.table;
  if (index && table && index.startsWith(`${table}_`) && index.endsWith("_key"))
    return index
      .slice(table.length + 1, -"_key".length)
      .split("_")
      .join(", ");
  if (Array.isArray(meta?.target)) return (meta.target as string[]).join(", ");
  if (typeof meta?.target === "string") return meta.target;
  return "key";
}

/** A unique-constraint violation (P2002): the row another writer just inserted. */
export const isUniqueViolation = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/**
 * The AppError a known Prisma error stands for (P2002 → 409, P2025 → 404, P2003 → 409, an unavailable
 * database → 503 DB_UNAVAILABLE), or null. The one mapping of database errors: the entry points call it
 * through appErrorOf (lib/http/error-policy.ts), so services do not wrap their writes.
 */
export function knownDbError(err: unknown): AppError | null {
  if (isDbUnavailable(err))
    return new AppError("DB_UNAVAILABLE", "The database is unavailable; try again shortly", undefined, { cause: err });
  return err instanceof Prisma.PrismaClientKnownRequestError ? fromKnownRequestError(err) : null;
}

/** Prisma codes for "the database cannot serve now": unreachable, timed out, closed, pool exhausted. */
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter error kinds of the same meaning (@prisma/driver-adapter-utils). */
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseDoesNotExist",
]);
/** PostgreSQL SQLSTATEs: 57P01–57P03 shutting down / cannot connect now, 53300 too many connections, 08xxx connection exceptions. */
const unavailableSqlState = (code: unknown) =>
  typeof code === "string" && (/^57P0[123]$/.test(code) || code === "53300" || /^08/.test(code));
const NODE_NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
/**
 * node-postgres' own connection errors carry no code, only these messages; Prisma passes them on as a plain
 * Error (e.g. a query inside a transaction whose session the server terminated while stopping — seen as
 * 500s in tests/integration/db-outage-writes.test.ts).
 */
const PG_CONNECTION_MESSAGE =
  /Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect/;

/**
 * True when `err` means the database is unavailable (an outage, a restart, an exhausted pool), not a bug:
 * the route wrapper answers 503 DB_UNAVAILABLE with Retry-After so clients and load balancers can tell
 * the two apart (issue 18). Walks Prisma's error, its driver adapter cause and plain Node errors.
 */
export function isDbUnavailable(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNAVAILABLE_PRISMA.has(err.code)) return true;
    const cause = (err.meta as { driverAdapterError?: { cause?: { kind?: string; code?: string } } } | undefined)
      ?.driverAdapterError?.cause;
    return Boolean(cause && (UNAVAILABLE_KINDS.has(cause.kind ?? "") || unavailableSqlState(cause.code)));
  }
  const e = err as { name?: string; code?: unknown; cause?: { kind?: string; code?: unknown } } | null;
  if (!e || typeof e !== "object") return false;
  if (
    e.name === "DriverAdapterError" &&
    (UNAVAILABLE_KINDS.has(e.cause?.kind ?? "") || unavailableSqlState(e.cause?.code))
  )
    return true;
  if ((typeof e.code === "string" && NODE_NET_CODES.has(e.code)) || unavailableSqlState(e.code)) return true;
  return err instanceof Error && PG_CONNECTION_MESSAGE.test(err.message);
}
