import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";

/**
 * Makes this test file's app code use a Prisma client over a pool of its own that counts the SQL
 * statements it sends (`statements()`, or those whose text matches `matching`), restored after the file. Other connections (the live-events
 * listener, other files) are not counted.
 */
export function useCountingDb(): { statements: (matching?: RegExp) => number } {
  const texts: string[] = [];
  class CountingClient extends pg.Client {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const q = args[0];
      texts.push(typeof q === "string" ? q : String(q?.text ?? ""));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
  }
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, Client: CountingClient, max: 4 });
  const original = globalThis.__srecpDb;
  globalThis.__srecpDb = Promise.resolve(new PrismaClient({ adapter: new PrismaPg(pool) }));
  afterAll(async () => {
    globalThis.__srecpDb = original;
    await pool.end();
  });
  return { statements: (matching) => (matching ? texts.filter((t) => matching.test(t)).length : texts.length) };
}

/** Until this process listens for database notifications (caches serve hits only then). */
export async function untilListening(isListening: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isListening()) {
    if (Date.now() > deadline) throw new Error("the live-events listener did not connect");
    await new Promise((r) => setTimeout(r, 20));
  }
}
