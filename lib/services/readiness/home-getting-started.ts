import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { gettingStarted, type GettingStartedStep } from "@/lib/readiness/getting-started";

// Counts for the home page's getting-started checklist: the whole organisation (an empty install is
// empty for everyone), and whether any Prometheus is configured (PROMETHEUS_URL or a data source).
export async function gettingStartedFor(): Promise<GettingStartedStep[] | null> {
  const db = await getDb();
  const [teams, services, slos, dataSources] = await Promise.all([
    db.team.count(),
    db.service.count(),
    db.slo.count(),
    db.dataSource.count(),
  ]);
  return gettingStarted({ teams, services, slos, prometheus: Boolean(env().prometheusUrl) || dataSources > 0 });
}
