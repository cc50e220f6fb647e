import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { ActionItemCells, ActionItemHeads, ActionTitle } from "@/components/incidents/action-item-cells";
import { ActionStatusBadge } from "@/components/incidents/badges";
import { FilterBar } from "@/components/incidents/filters";
import { TrackerStatus } from "@/components/incidents/tracker-status";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { atLeast } from "@/lib/auth/permissions";
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES } from "@/lib/postmortem";
import { listServices } from "@/lib/services/catalog";
import { listActionItems } from "@/lib/services/incidents/action-items";
import { listActionItemsSchema } from "@/lib/validation/incidents";
import { load, pageParam, textParam, type SearchParams } from "../_lib/load";
import { pageActor } from "../_lib/page-actor";
import { allTeams } from "../_lib/teams";

export const metadata: Metadata = { title: "Action items" };
const PAGE_SIZE = 50;

export default async function ActionItemsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const raw = {
    team: textParam(sp.team),
    service: textParam(sp.service),
    status: textParam(sp.status),
    owner: textParam(sp.owner),
    priority: textParam(sp.priority),
    overdue: textParam(sp.overdue),
  };
  const parsed = listActionItemsSchema.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, pageSize: PAGE_SIZE };
  const page = pageParam(sp.page);
  const res = await load(() =>
    Promise.all([
      listActionItems(actor, { ...q, page, pageSize: PAGE_SIZE }),
      allTeams(actor),
      listServices(actor, { page: 1, pageSize: 200 }),
    ]),
  );
  if (!res.ok) return <Forbidden title="Action items" message={res.forbidden} />;
  const [items, teams, services] = res.data;
  const params = parsed.success
    ? {
        team: raw.team,
        service: raw.service,
        status: raw.status,
        owner: raw.owner,
        priority: raw.priority,
        overdue: raw.overdue,
      }
    : {};
  const filtered = Object.values(params).some(Boolean);
  const canEdit = atLeast(actor, "editor");

  return (
    <>
      <PageHeader
        crumbs={[{ href: "/incidents", label: "Incidents" }]}
        title="Action items"
        description="Follow-ups from incidents and postmortems across all teams and services. Overdue items are highlighted; due dates are local to the owning team."
      />
      {!parsed.success ? <p className="field-error">Some filters were not understood and were ignored.</p> : null}
      <FilterBar
        action="/action-items"
        label="Filter action items"
        filters={[
          {
            name: "team",
            label: "Team",
            value: params.team,
            placeholder: "All teams",
            options: teams.map((t) => ({ value: t.slug, label: t.name })),
          },
          {
            name: "service",
            label: "Service",
            value: params.service,
            placeholder: "All services",
            options: services.items.map((s) => ({ value: s.slug, label: s.slug })),
          },
          {
            name: "status",
            label: "Status",
            value: params.status,
            placeholder: "Any status",
            options: [
              { value: "active", label: "open or in progress" },
              ...ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") })),
            ],
          },
          {
            name: "priority",
            label: "Priority",
            value: params.priority,
            placeholder: "Any priority",
            options: ACTION_ITEM_PRIORITIES.map((p) => ({ value: p, label: p })),
          },
          {
            name: "owner",
            label: "Owner",
            value: params.owner,
            placeholder: "Anyone",
            options: [{ value: "me", label: "Me" }],
          },
          { name: "overdue", label: "Overdue only", type: "checkbox", value: params.overdue },
        ]}
      />
      {items.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No action items match these filters"
            action={<LinkButton href="/action-items">Clear filters</LinkButton>}
          >
            Nothing overdue is good news.
          </EmptyState>
        ) : (
          <EmptyState title="No action items yet" action={<LinkButton href="/incidents">Go to incidents</LinkButton>}>
            Action items are added to incidents and their postmortems: an owner, a priority and a due date each.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption={`Action items, page ${page}`}>
            <thead>
              <tr>
                <Th>Action</Th>
                <Th>Incident</Th>
                <Th>Service / team</Th>
                <ActionItemHeads />
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {items.items.map((a) => (
                <tr key={a.id} className={a.overdue ? "row-overdue" : undefined}>
                  <Td>
                    <ActionTitle item={a} />
                  </Td>
                  <Td>
                    {a.incident ? (
                      <Link href={`/incidents/${a.incident.number}`} className="mono">
                        {a.incident.key}
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </Td>
                  <Td className="small">
                    {a.service ? <span className="mono">{a.service.slug}</span> : "—"}
                    {a.team ? <div className="muted">{a.team.name}</div> : null}
                  </Td>
                  <ActionItemCells item={a} dueNote={a.dueDate ? a.dueTimezone : ""} />
                  <Td>{canEdit ? <TrackerStatus item={a} /> : <ActionStatusBadge status={a.status} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            basePath="/action-items"
            params={params}
            page={items.page}
            pageSize={items.pageSize}
            total={items.total}
          />
        </>
      )}
    </>
  );
}
