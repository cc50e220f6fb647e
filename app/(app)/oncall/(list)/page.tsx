import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { ActionButton } from "@/components/oncall/action-button";
import { FeedButton } from "@/components/oncall/feed-button";
import { formatShort } from "@/components/oncall/format";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { handoffNotesForUser } from "@/lib/services/oncall/handoff-notes";
import { listPages } from "@/lib/services/oncall/pages";
import { listSchedules } from "@/lib/services/oncall/schedules";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams, editableTeams } from "../../_lib/teams";

export const metadata: Metadata = { title: "On-call" };

export default async function OncallPage() {
  const actor = await pageActor();
  const res = await load(() =>
    Promise.all([
      listSchedules(actor, {}),
      listPages(actor, { status: "open", page: 1, pageSize: 5 }),
      handoffNotesForUser(actor, actor.userId),
      allTeams(actor),
    ]),
  );
  if (!res.ok) return <Forbidden title="On-call" message={res.forbidden} />;
  const [schedules, pages, notes, teams] = res.data;
  const canCreate = editableTeams(actor, teams).length > 0;
  const mine = schedules.items.filter((s) => s.onCallNow.users.some((u) => u.id === actor.userId));
  const toAck = notes.items.filter((n) => n.incoming?.id === actor.userId && !n.acknowledgedAt);

  return (
    <>
      <PageHeader
        title="On-call"
        description="Rotations, who is on call now, pages from Alertmanager and handoffs."
        actions={
          <>
            <LinkButton href="/oncall/pages">Pages{pages.total ? ` (${pages.total} open)` : ""}</LinkButton>
            <LinkButton href="/oncall/policies">Escalation policies</LinkButton>
            {actor.role === "admin" ? (
              <LinkButton href="/oncall/integrations">Alertmanager integrations</LinkButton>
            ) : null}
            {canCreate ? (
              <LinkButton href="/oncall/schedules/new" variant="primary">
                New schedule
              </LinkButton>
            ) : null}
          </>
        }
      />
      <div className="grid-2">
        <div className="stack">
          <Card title="Schedules">
            {schedules.items.length === 0 ? (
              <EmptyState
                title="No rotations yet"
                action={
                  canCreate ? (
                    <LinkButton href="/oncall/schedules/new" variant="primary">
                      Create a schedule
                    </LinkButton>
                  ) : (
                    <LinkButton href="/teams">Browse teams</LinkButton>
                  )
                }
              >
                On-call rotations belong to a team: layers of people taking turns, with overrides and handoffs.
              </EmptyState>
            ) : (
              <Table caption="On-call schedules">
                <thead>
                  <tr>
                    <Th>Schedule</Th>
                    <Th>Team</Th>
                    <Th>On call now</Th>
                    <Th>Until</Th>
                    <Th>Layers</Th>
                  </tr>
                </thead>
                <tbody>
                  {schedules.items.map((s) => (
                    <tr key={s.id}>
                      <Td>
                        <Link href={`/oncall/schedules/${s.id}`}>{s.name}</Link>
                      </Td>
                      <Td>
                        <Link href={`/teams/${s.team.slug}`}>{s.team.name}</Link>
                      </Td>
                      <Td>
                        {s.onCallNow.users.length ? (
                          s.onCallNow.users.map((u) => u.name).join(", ")
                        ) : (
                          <Badge tone="danger">nobody</Badge>
                        )}
                      </Td>
                      <Td className="nowrap">
                        {formatShort(s.onCallNow.until, s.timezone)} <span className="muted small">{s.timezone}</span>
                      </Td>
                      <Td className="num">{s.layerCount}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
          <Card
            title="Open pages"
            actions={
              <LinkButton href="/oncall/pages" size="sm">
                All pages
              </LinkButton>
            }
          >
            {pages.items.length === 0 ? (
              <p className="muted">No open pages.</p>
            ) : (
              <ul className="inc-list">
                {pages.items.map((p) => (
                  <li key={p.id} className="row">
                    <Badge tone={p.status === "triggered" ? "danger" : "warning"}>{p.status}</Badge>
                    <Link href={`/oncall/pages/${p.id}`}>{p.title}</Link>
                    <span className="muted small">{p.service?.name ?? "unrouted"}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="stack">
          <Card title="You">
            {mine.length ? (
              <p>
                You are on call now in{" "}
                {mine.map((s, i) => (
                  <span key={s.id}>
                    {i ? ", " : ""}
                    <Link href={`/oncall/schedules/${s.id}`}>{s.name}</Link>
                  </span>
                ))}
                .
              </p>
            ) : (
              <p className="muted">You are not on call right now.</p>
            )}
            <FeedButton path="/api/v1/calendar/feeds" label="Subscribe to my shifts (iCal)" />
          </Card>
          <Card title="Your handoff notes">
            {notes.items.length === 0 ? (
              <p className="muted">No handoffs to or from you in the last 30 days.</p>
            ) : (
              <ul className="inc-list">
                {notes.items.map((n) => (
                  <li key={n.id}>
                    <div className="row">
                      <Link href={`/oncall/schedules/${n.scheduleId}#handoffs`}>{n.scheduleName}</Link>
                      <span className="muted small">
                        {n.outgoing.name} → {n.incoming?.name ?? "nobody"}
                      </span>
                      {n.acknowledgedAt ? (
                        <Badge tone="success">acknowledged</Badge>
                      ) : (
                        <Badge tone="warning">not acknowledged</Badge>
                      )}
                    </div>
                    <p className="small prose">{n.body}</p>
                    {toAck.includes(n) ? (
                      <ActionButton
                        path={`/api/v1/schedules/${n.scheduleId}/handoff-notes/${n.id}/ack`}
                        label="Acknowledge"
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
