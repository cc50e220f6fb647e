import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserAccess } from "@/components/admin/user-access";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/services/users";
import { load } from "../_lib/load";
import { pageActor } from "../_lib/page-actor";
import { allTeams } from "../_lib/teams";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await pageActor();
  if (!isAdmin(actor))
    return <Forbidden title="Admin" message="Only admins can manage users and read the audit log." />;
  const res = await load(() => Promise.all([listUsers(actor), allTeams(actor)]));
  if (!res.ok) return <Forbidden title="Admin" message={res.forbidden} />;
  const [users, teams] = res.data;
  return (
    <>
      <PageHeader
        title="Admin"
        description="Users, their roles and access. Changing a role or deactivating a user ends their sessions. Team membership is managed on each team's page."
        actions={
          <>
            <LinkButton href="/admin/audit">Audit log</LinkButton>
            <LinkButton href="/admin/service-tokens">Service tokens</LinkButton>
            <LinkButton href="/admin/data-sources">Data sources</LinkButton>
            <LinkButton href="/admin/jobs">Background jobs</LinkButton>
            <LinkButton href="/admin/email">E-mail</LinkButton>
            <LinkButton href="/teams/new">Create team</LinkButton>
          </>
        }
      />
      <div className="stack">
        <Card title={`Users (${users.length})`}>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Teams</Th>
                <Th>Created</Th>
                <Th>Status</Th>
                <Th>Access</Th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <Td>{u.name}</Td>
                  <Td>{u.email}</Td>
                  <Td>
                    <Badge tone={u.role === "admin" ? "info" : "neutral"}>{u.role}</Badge>
                  </Td>
                  <Td>
                    {u.memberships.length ? (
                      <span className="link-list">
                        {u.memberships.map((m) => (
                          <Link key={m.team.slug} href={`/teams/${m.team.slug}`}>
                            {m.team.slug}
                          </Link>
                        ))}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </Td>
                  <Td className="nowrap">
                    <LocalTime iso={u.createdAt.toISOString()} />
                  </Td>
                  <Td>
                    {u.deactivatedAt ? <Badge tone="danger">deactivated</Badge> : <Badge tone="success">active</Badge>}
                  </Td>
                  <Td>
                    <UserAccess
                      user={{ id: u.id, email: u.email, role: u.role, active: !u.deactivatedAt }}
                      self={u.id === actor.userId}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title="Create user">
          <CreateUserForm teams={teams.map((t) => ({ slug: t.slug, name: t.name }))} />
        </Card>
      </div>
    </>
  );
}
