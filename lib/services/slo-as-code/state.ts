import "server-only";
import { getDb } from "@/lib/db";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { findConfigStateRows } from "@/lib/db/repos/slo-as-code";
import { normalAlertSettings } from "@/lib/slo";
import { inAppRunbook } from "@/lib/slo/runbook";
import type { ConfigStateResponse } from "@/lib/validation/slo-as-code";

/**
 * Everything SLOs-as-code manages, as the server holds it (GET /api/v1/config/state): services, SLOs and
 * error-budget policies in the canonical shape of lib/slo-as-code, with managedBy and the
 * version/revision `srecp apply` sends back for optimistic concurrency, plus the team and data source
 * names files may refer to. An SLO's definition is its newest proposal: a version awaiting sign-off if
 * there is one (so a plan after an editor's apply is empty), else the version in force.
 */
export async function configState(
  actor: Actor,
  filter: { managedBy?: string | null } = {},
): Promise<ConfigStateResponse> {
  assertCanRead(actor);
  const { teams, dataSources, services, slos, policies } = await findConfigStateRows(await getDb(), filter.managedBy);
  return {
    teams: teams.map((t) => t.slug),
    dataSources: dataSources.map((d) => d.name),
    services: services.map((s) => ({
      slug: s.slug,
      name: s.name,
      team: s.team.slug,
      tier: s.tier,
      description: s.description,
      runbookUrl: s.runbookUrl,
      repoUrl: s.repoUrl,
      dashboardUrl: s.dashboardUrl,
      dataSource: s.dataSource?.name ?? null,
      managedBy: s.managedBy,
      version: s.version,
    })),
    slos: slos.flatMap((s) => {
      const v =
        s.versions.find((x) => x.status === "pending") ??
        s.versions.find((x) => x.status === "active") ??
        s.versions[0];
      if (!v) return [];
      return [
        {
          id: s.id,
          service: s.service.slug,
          name: s.name,
          description: s.description,
          objective: v.objective,
          window: v.window,
          sli: v.sli,
          runbookUrl: s.runbookUrl,
          alerting: s.alerting,
          labels: s.labels,
          displayName: s.displayName,
          sliName: s.sliName,
          alertSettings: normalAlertSettings(s.alertSettings),
          managedBy: s.managedBy,
          revision: s.revision,
          pendingSignOff: v.status === "pending",
          inAppRunbook: inAppRunbook("", s.id, s.runbooks) !== null,
        },
      ];
    }),
    policies: policies.flatMap((p) => {
      const target = p.service?.slug ?? p.team?.slug;
      if (!target) return [];
      return [
        {
          scope: p.service ? ("service" as const) : ("team" as const),
          target,
          atRiskBelow: p.atRiskBelow,
          freezeAtOrBelow: p.freezeAtOrBelow,
          freezeOnPageAlert: p.freezeOnPageAlert,
          agreedBy: p.agreedBy,
          notes: p.notes,
          version: p.version,
        },
      ];
    }),
  };
}
