import { Prisma } from "./generated/client";
import { AppError } from "@/lib/errors";

/**
 * Translates Prisma's known request errors into AppError so callers never see driver codes.
 * P2002 unique violation → CONFLICT naming the field; P2025 record missing → NOT_FOUND;
 * P2003 foreign key → CONFLICT (something still refers to it).
 */
export function mapDbError(err: unknown, entity = "record"): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") {
      const target = uniqueTarget(err);
      throw new AppError("CONFLICT", `${entity} with this ${target} already exists`, { [target]: "already taken" });
    }
    if (err.code === "P2025") throw new AppError("NOT_FOUND", `${entity} not found`);
    if (err.code === "P2003") throw new AppError("CONFLICT", `${entity} is still referenced by other records`);
  }
  throw err;
}

function uniqueTarget(err: Prisma.PrismaClientKnownRequestError): string {
  const meta = err.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields;
  if (Array.isArray(fields) && fields.length) return fields.map((f) => f.replace(/"/g, "")).join(", ");
  if (Array.isArray(meta?.target)) return (meta.target as string[]).join(", ");
  if (typeof meta?.target === "string") return meta.target;
  return "key";
}

/** A unique-constraint violation (P2002): the row another writer just inserted. */
export const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/**
 * The AppError a known Prisma error stands for (P2002 → 409, P2025 → 404, P2003 → 409), or null. Lets the
 * route wrapper answer a conflict that a service did not anticipate with 409 instead of 500.
 */
export function knownDbError(err: unknown): AppError | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || !["P2002", "P2025", "P2003"].includes(err.code)) return null;
  try {
    mapDbError(err);
  } catch (mapped) {
    if (mapped instanceof AppError) return mapped;
  }
  return null;
}

/** Runs a db call and maps its errors. */
export async function withDbErrors<T>(entity: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return mapDbError(err, entity);
  }
}
