import "server-only";
import { storedAlertSettingsSchema, storedLabelsSchema } from "@/lib/validation/slo-stored";
import type { Prisma } from "../generated/client";
import { serviceFields } from "./catalog";
import { parseColumn } from "./parse-column";
import { parseVersionRow } from "./slos";

// What SLOs-as-code manages, as GET /api/v1/config/state reads it (lib/services/slo-as-code/state.ts): five
// queries, the SLOs' JSON columns (labels, alertSettings, every version's sli and window) parsed with the
// stored shapes of lib/validation/slo-stored.ts like every other SLO read (lib/db/repos/slos.ts).

type Client = Prisma.TransactionClient;

/** `managedBy`: only the services and SLOs of that manager (null or absent: all of them). */
export async function findConfigStateRows(db: Client, managedBy?: string | null) {
  const managed = managedBy ? { managedBy } : {};
  const [teams, dataSources, services, slos, policies] = await Promise.all([
    db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
    db.dataSource.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.service.findMany({
      where: managed,
      select: {
        ...serviceFields,
        team: { select: { slug: true } },
        dataSource: { select: { name: true } },
      },
      orderBy: { slug: "asc" },
    }),
    db.slo.findMany({
      where: managed,
      include: {
        service: { select: { slug: true } },
        versions: { orderBy: { number: "desc" } },
        runbooks: { orderBy: { version: "desc" }, distinct: ["tier"], select: { tier: true, body: true } },
      },
      orderBy: [{ service: { slug: "asc" } }, { name: "asc" }],
    }),
    db.budgetPolicy.findMany({ include: { team: { select: { slug: true } }, service: { select: { slug: true } } } }),
  ]);
  return {
    teams,
    dataSources,
    services,
    slos: slos.map((s) => {
      const at = (field: string) => ({ table: "Slo", id: s.id, field });
      return {
        ...s,
        labels: parseColumn(storedLabelsSchema, s.labels, at("labels")),
        alertSettings: parseColumn(storedAlertSettingsSchema, s.alertSettings, at("alertSettings")),
        versions: s.versions.map(parseVersionRow),
      };
    }),
    policies,
  };
}
