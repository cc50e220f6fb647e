import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/services/tokens";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageActor();
  const res = await load(() => listApiTokens(actor));
  if (!res.ok) return <Forbidden title="API tokens" message={res.forbidden} />;
  const tokens = res.data;
  const admin = isAdmin(actor);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Tokens let scripts and CI call the API as you (${actor.email}). Send them as "Authorization: Bearer <token>".${admin ? " As an admin you also see other users' tokens." : ""}`}
      />
      <div className="grid-2">
        <Card title="Tokens">
          {tokens.length === 0 ? (
            <EmptyState title="No API tokens yet">Create one to call the API from scripts or CI.</EmptyState>
          ) : (
            <TokensTable tokens={tokens} caption="API tokens" ownerLabel={admin ? "Owner" : undefined} />
          )}
        </Card>
        <Card title="New token">
          <CreateTokenForm />
        </Card>
      </div>
    </>
  );
}
