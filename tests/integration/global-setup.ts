import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../harness/postgres";
import { startPrometheusStack } from "../harness/prometheus-stack";

declare module "vitest" {
  export interface ProvidedContext {
    DATABASE_URL: string;
    PROMETHEUS_URL: string;
    SCENARIO_END: number;
  }
}

/**
 * One fresh PostgreSQL database and one real Prometheus (over TSDB blocks backfilled with the known
 * scenario of tests/harness/scenario.ts) for the whole integration run; both removed at the end.
 */
export default async function setup(project: TestProject) {
  const [db, prom] = await Promise.all([createTestDatabase(), startPrometheusStack({})]);
  project.provide("DATABASE_URL", db.url);
  project.provide("PROMETHEUS_URL", prom.prometheusUrl);
  project.provide("SCENARIO_END", prom.end);
  return async () => {
    await Promise.all([db.drop(), prom.stop()]);
  };
}
