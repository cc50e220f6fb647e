import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

export type Loaded<T> = { ok: true; data: T } | { ok: false; forbidden: string };

/**
 * Runs a service call for a page: NOT_FOUND becomes Next's notFound() (the segment's not-found.tsx),
 * FORBIDDEN becomes a value the page renders as a friendly message, anything else goes to error.tsx.
 */
export async function load<T>(run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    if (isAppError(err) && err.code === "FORBIDDEN") return { ok: false, forbidden: err.message };
    throw err;
  }
}

/** Reads a positive integer ?page= (anything else → 1). */
export const pageParam = (raw: string | string[] | undefined): number => {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
};

/** First value of a search param, trimmed; "" → undefined. */
export const textParam = (raw: string | string[] | undefined): string | undefined => {
  const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return v ? v : undefined;
};

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
