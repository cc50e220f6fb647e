import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { TokensTable } from "@/components/tokens/tokens-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
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
            <EmptyState title="No service tokens yet">
              Create one for a pipeline: it can ask the release gate and record deployments, nothing else.
            </EmptyState>
          ) : (
            <TokensTable tokens={scoped} caption="Scoped API tokens" ownerLabel="Acts as" />
          )}
        </Card>
        <Card title="New service token">
          <ServiceTokenForm users={users.map((u) => ({ id: u.id, label: `${u.name} <${u.email}> (${u.role})` }))} />
        </Card>
      </div>
    </>
  );
}
