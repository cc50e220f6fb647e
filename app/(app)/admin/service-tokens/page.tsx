import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/services/tokens";
import { listUsers } from "@/lib/services/users";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { ServiceTokenForm } from "./service-token-form";

export const metadata: Metadata = { title: "Service tokens" };

/** Admin: narrow API tokens for CI (e.g. gate + deployments only), created for a chosen user; revocable. */
export default async function ServiceTokensPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <Forbidden title="Service tokens" message="Only admins create tokens for other users." />;
  const res = await load(() => Promise.all([listUsers(actor), listApiTokens(actor)]));
  if (!res.ok) return <Forbidden title="Service tokens" message={res.forbidden} />;
  const [users, tokens] = res.data;
  const scoped = tokens.filter((t) => t.scopes.length > 0);
  return (
    <>
      <PageHeader
        title="Service tokens"
        crumbs={[{ href: "/admin", label: "Admin" }]}
        description="Tokens for pipelines, narrowed to what a CI step needs. A token acts as the chosen user and never exceeds that user's role and teams. Tokens without scopes are managed by their owners under Settings → API tokens."
      />
      <div className="grid-2">
        <Card title={`Scoped tokens (${scoped.length})`}>
          {scoped.length === 0 ? (
            <EmptyState title="No service tokens yet">Create one for a pipeline: it can ask the release gate and record deployments, nothing else.</EmptyState>
          ) : (
            <Table caption="Scoped API tokens">
              <thead>
                <tr><Th>Name</Th><Th>Acts as</Th><Th>Scopes</Th><Th>Last used</Th><Th>Status</Th><Th><span className="sr-only">Actions</span></Th></tr>
              </thead>
              <tbody>
                {scoped.map((t) => (
                  <tr key={t.id}>
                    <Td>{t.name} <span className="mono muted small">{t.prefix}…</span></Td>
                    <Td>{t.user.email}</Td>
                    <Td>{t.scopes.join(", ")}</Td>
                    <Td className="nowrap">{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : <span className="muted">Never</span>}</Td>
                    <Td>{t.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</Td>
                    <Td>{t.revokedAt ? null : <RevokeTokenButton id={t.id} name={t.name} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="New service token">
          <ServiceTokenForm users={users.map((u) => ({ id: u.id, label: `${u.name} <${u.email}> (${u.role})` }))} />
        </Card>
      </div>
    </>
  );
}
