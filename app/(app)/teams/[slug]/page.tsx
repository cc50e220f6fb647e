import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ServiceTable } from "@/components/services/service-table";
import { TeamChannels } from "@/components/notify/team-channels";
import { AddMemberForm, RemoveMemberButton } from "@/components/teams/membership-form";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, DetailList } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ActionsTh, Table, Td, Th } from "@/components/ui/table";
import { atLeast, isAdmin } from "@/lib/auth/permissions";
import { listServices } from "@/lib/services/catalog";
import { listContactMethods } from "@/lib/services/notify/contact-methods";
import { getTeam } from "@/lib/services/teams";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Team ${(await params).slug}` };
}

export default async function TeamPage({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor();
  const res = await load(() =>
    Promise.all([getTeam(actor, slug), listServices(actor, { team: slug, page: 1, pageSize: 200 })]),
  );
  if (!res.ok) return <Forbidden title={slug} message={res.forbidden} />;
  const [team, services] = res.data;
  const admin = isAdmin(actor);
  const member = admin || actor.teamIds.includes(team.id);
  // Team channels are managed by admins (the API says the same); dates cross to the client as strings.
  const channels = admin ? await listContactMethods(actor, { teamId: team.id }) : null;
  const members = team.memberships.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email));

  return (
    <>
      <PageHeader
        title={team.name}
        crumbs={[{ href: "/teams", label: "Teams" }]}
        description={<span className="mono">{team.slug}</span>}
      />
      <div className="grid-2">
        <div className="stack">
          <Card
            title={`Services (${services.total})`}
            actions={
              member && atLeast(actor, "editor") ? (
                <LinkButton href="/services/new" size="sm">
                  Create a service
                </LinkButton>
              ) : null
            }
          >
            {services.items.length === 0 ? (
              <EmptyState title="This team owns no services yet" />
            ) : (
              <ServiceTable caption={`Services of ${team.name}`} services={services.items} />
            )}
          </Card>
          <Card title={`Members (${members.length})`}>
            {members.length === 0 ? (
              <p className="muted">No members yet.{admin ? " Add one below." : ""}</p>
            ) : (
              <Table caption={`Members of ${team.name}`}>
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Email</Th>
                    <Th>Role</Th>
                    {admin ? <ActionsTh /> : null}
                  </tr>
                </thead>
                <tbody>
                  {members.map((u) => (
                    <tr key={u.id}>
                      <Td>{u.name}</Td>
                      <Td>{u.email}</Td>
                      <Td>
                        <Badge>{u.role}</Badge>
                      </Td>
                      {admin ? (
                        <Td>
                          <RemoveMemberButton team={team.slug} email={u.email} />
                        </Td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {admin ? (
              <div style={{ marginTop: 12 }}>
                <AddMemberForm team={team.slug} />
              </div>
            ) : null}
          </Card>
          {channels ? <TeamChannels teamId={team.id} teamName={team.name} channels={channels} /> : null}
        </div>
        <Card title="Details">
          <DetailList
            items={[
              { label: "Time zone", value: team.timezone },
              { label: "Description", value: team.description || <span className="muted">None</span> },
              { label: "Services", value: team._count.services },
              { label: "Members", value: team._count.memberships },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
