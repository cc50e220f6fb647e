import { getDb } from "@/lib/db";

/** Readiness: the database answers a trivial query within 2 s. */
export async function checkReadiness(): Promise<{ status: "ready" | "unavailable"; checks: Record<string, string> }> {
  try {
    const db = await getDb();
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout after 2 s")), 2000)),
    ]);
    return { status: "ready", checks: { database: "ok" } };
  } catch {
    // Unauthenticated endpoint: no internal error text (driver messages name hosts and users).
    return { status: "unavailable", checks: { database: "down" } };
  }
}
