import "server-only";
import { atLeast, inTeam, type Actor } from "@/lib/auth/permissions";
import { listServices } from "@/lib/services/catalog";
import type { WizardService } from "@/components/slos/wizard-service-step";

/** Services whose SLOs this actor may define (editor or higher, member of the owning team), as options with their data source. */
export async function editableServiceOptions(actor: Actor): Promise<WizardService[]> {
  if (!atLeast(actor, "editor")) return [];
  const out: WizardService[] = [];
  for (let page = 1; ; page++) {
    const res = await listServices(actor, { page, pageSize: 200 });
    for (const s of res.items)
      if (inTeam(actor, s.team.id))
        out.push({
          value: s.slug,
          label: `${s.name} (${s.slug}) · ${s.team.name}`,
          dataSource: s.dataSource?.name ?? null,
        });
    if (page * res.pageSize >= res.total) break;
  }
  return out;
}
