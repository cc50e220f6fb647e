import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../harness/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    DATABASE_URL: string;
  }
}

/** One fresh PostgreSQL database for the whole integration run, dropped at the end. */
export default async function setup(project: TestProject) {
  const db = await createTestDatabase();
  project.provide("DATABASE_URL", db.url);
  return async () => {
    await db.drop();
  };
}
