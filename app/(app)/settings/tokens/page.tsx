import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
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
            <Table caption="API tokens">
              <thead>
                <tr><Th>Name</Th>{admin ? <Th>Owner</Th> : null}<Th>Prefix</Th><Th>Scopes</Th><Th>Last used</Th><Th>Status</Th><Th><span className="sr-only">Actions</span></Th></tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <Td>{t.name}</Td>
                    {admin ? <Td>{t.user.email}</Td> : null}
                    <Td className="mono">{t.prefix}…</Td>
                    <Td>{t.scopes.length ? t.scopes.join(", ") : <span className="muted">all</span>}</Td>
                    <Td className="nowrap">{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : <span className="muted">Never</span>}</Td>
                    <Td>{t.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</Td>
                    <Td>{t.revokedAt ? null : <RevokeTokenButton id={t.id} name={t.name} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="New token">
          <CreateTokenForm />
        </Card>
      </div>
    </>
  );
}
