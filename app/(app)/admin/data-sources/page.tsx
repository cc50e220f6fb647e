import type { Metadata } from "next";
import { DataSourceForm, type DataSourceRow } from "@/components/admin/data-source-form";
import { DataSourceTable } from "@/components/admin/data-source-table";
import { Forbidden } from "@/components/forbidden";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/permissions";
import { listDataSources } from "@/lib/services/datasources";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Data sources" };

/** Admin: Prometheus data sources — list, add, edit, test with a sample query, choose the default. */
export default async function DataSourcesPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <Forbidden title="Data sources" message="Only admins manage Prometheus data sources." />;
  const res = await load(() => listDataSources(actor));
  if (!res.ok) return <Forbidden title="Data sources" message={res.forbidden} />;
  const rows: DataSourceRow[] = res.data.items.map((d) => ({
    id: d.id,
    name: d.name,
    url: d.url,
    authType: d.authType,
    basicUser: d.basicUser,
    headers: d.headers,
    timeoutMs: d.timeoutMs,
    isDefault: d.isDefault,
    hasBearerToken: d.hasBearerToken,
    hasBasicPassword: d.hasBasicPassword,
  }));
  const hasDefault = rows.some((r) => r.isDefault);
  return (
    <>
      <PageHeader
        title="Data sources"
        crumbs={[{ href: "/admin", label: "Admin" }]}
        description={`Prometheus-compatible servers that services read their SLIs from. Services that name none use the default source${hasDefault ? "" : " — none is chosen, so PROMETHEUS_URL"}. Tokens and passwords are stored encrypted and never shown again.`}
      />
      <div className="stack">
        <Card title={`Data sources (${rows.length})`}>
          {rows.length === 0 ? (
            <EmptyState title="No data sources yet">
              Every service reads from PROMETHEUS_URL. Add a source for a Mimir, Thanos or second Prometheus.
            </EmptyState>
          ) : (
            <DataSourceTable items={rows} />
          )}
        </Card>
        <Card title="Add a data source">
          <DataSourceForm />
        </Card>
      </div>
    </>
  );
}
