import "server-only";
import { z } from "zod";
import type { PolicyStateName } from "../generated/client";
import { getDb } from "../client";
import { parseColumn } from "./parse-column";

// The stored statuses as the budget-policy state of their services reads them (lib/services/slo/service-states.ts):
// two facts projected in SQL from SloStatusRow.body (the SLO's name, whether a page-severity alert fires)
// so that the read stays one statement however large the bodies are; each row parsed like any other read.

const factsRow = z.object({
  serviceId: z.string(),
  sloId: z.string(),
  name: z.string(),
  remaining: z.number().nullable(),
  pageFiring: z.boolean(),
});
export type StatusPolicyFacts = z.infer<typeof factsRow>;

/** One row per stored status of the given services' SLOs. */
export async function findStatusPolicyFacts(serviceIds: string[]): Promise<StatusPolicyFacts[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<unknown[]>`
    SELECT "serviceId", "sloId", coalesce("body"->>'name', '') AS name, "budgetRemaining" AS remaining,
           jsonb_path_exists("body", '$.alerts[*] ? (@.severity == "page" && @.firing == true)') AS "pageFiring"
    FROM "SloStatusRow" WHERE "serviceId" = ANY(${serviceIds}::text[])`;
  return rows.map((r) =>
    parseColumn(factsRow, r, {
      table: "SloStatusRow",
      id: r && typeof r === "object" && "sloId" in r ? String(r.sloId) : "?",
      field: "body (name, alerts)",
    }),
  );
}

/** Stores each service's policy state on its SLOs' status rows (only the rows whose state changes). */
export async function storeServiceStates(states: { serviceId: string; state: PolicyStateName }[]): Promise<void> {
  if (!states.length) return;
  const db = await getDb();
  await db.$executeRaw`
    UPDATE "SloStatusRow" AS r SET "serviceState" = v.state::"PolicyStateName"
    FROM unnest(${states.map((s) => s.serviceId)}::text[], ${states.map((s) => s.state)}::text[]) AS v(service, state)
    WHERE r."serviceId" = v.service AND r."serviceState" IS DISTINCT FROM v.state::"PolicyStateName"`;
}
