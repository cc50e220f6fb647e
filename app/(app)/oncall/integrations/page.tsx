import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { IntegrationForm } from "@/components/oncall/integration-form";
import { IntegrationTable } from "@/components/oncall/integration-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listServices } from "@/lib/services/catalog";
import { listIntegrations } from "@/lib/services/oncall/integrations";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Alertmanager integrations" };

export default async function IntegrationsPage() {
  const actor = await pageActor();
  const res = await load(() => Promise.all([listIntegrations(actor), listServices(actor, { page: 1, pageSize: 200 })]));
  if (!res.ok) return <Forbidden title="Alertmanager integrations" message={res.forbidden} />;
  const [integrations, services] = res.data;
  const rows = integrations.items.map((i) => ({
    id: i.id,
    name: i.name,
    prefix: i.prefix,
    routes: i.routes,
    defaultService: i.defaultService,
    lastUsedAt: i.lastUsedAt,
    revokedAt: i.revokedAt,
  }));
  return (
    <>
      <PageHeader
        title="Alertmanager integrations"
        crumbs={[{ href: "/oncall", label: "On-call" }]}
        description="Alertmanager posts alert groups here with a per-integration token; routes pick the service whose escalation policy is paged."
      />
      <div className="stack">
        <Card title="Integrations">
          {rows.length === 0 ? (
            <EmptyState title="No integrations yet">
              Create one below, then paste its receiver into alertmanager.yml.
            </EmptyState>
          ) : (
            <IntegrationTable items={rows} />
          )}
        </Card>
        <Card title="New integration">
          {services.items.length === 0 ? (
            <p className="muted small">
              There are no services yet: alerts will open unrouted pages until you add services and routes.
            </p>
          ) : null}
          <IntegrationForm services={services.items.map((s) => ({ slug: s.slug, name: s.name }))} />
        </Card>
      </div>
    </>
  );
}
