import "server-only";
import { getDb } from "@/lib/db";
import { sourceHealth, type SourceHealth } from "./slo/prometheus-source";

export type Readiness = {
  status: "ready" | "unavailable";
  checks: { database: "ok" | "down"; prometheus: Record<string, SourceHealth> };
};

/**
 * Readiness: the database answers a trivial query within 2 s (else 503). Each Prometheus source is
 * reported from its circuit breaker (ok / degraded / down, age of the last good answer) without a
 * request: a Prometheus outage does not make the app unready — it serves stale statuses with their age.
 */
export async function checkReadiness(): Promise<Readiness> {
  const prometheus = sourceHealth();
  try {
    const db = await getDb();
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout after 2 s")), 2000)),
    ]);
    return { status: "ready", checks: { database: "ok", prometheus } };
  } catch {
    // Unauthenticated endpoint: no internal error text (driver messages name hosts and users).
    return { status: "unavailable", checks: { database: "down", prometheus } };
  }
}
