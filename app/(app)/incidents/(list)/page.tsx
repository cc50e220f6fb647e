import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { IncidentStatusBadge, OverdueBadge, PostmortemStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { FilterBar } from "@/components/incidents/filters";
import { Instant } from "@/components/incidents/instant";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { atLeast } from "@/lib/auth/permissions";
import { INCIDENT_STATUSES, SEVERITIES } from "@/lib/postmortem";
import { listServices } from "@/lib/services/catalog";
import { listIncidents } from "@/lib/services/incidents/incidents";
import { listIncidentsSchema } from "@/lib/validation/incidents";
import { load, pageParam, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams } from "../../_lib/teams";

export const metadata: Metadata = { title: "Incidents" };
const PAGE_SIZE = 25;

export default async function IncidentsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  // Unknown filter values are ignored rather than failing the page.
  const parsed = listIncidentsSchema.safeParse({
    status: textParam(sp.status),
    severity: textParam(sp.severity),
    team: textParam(sp.team),
    service: textParam(sp.service),
    q: textParam(sp.q),
  });
  const filters = parsed.success
    ? {
        status: parsed.data.status,
        severity: parsed.data.severity,
        team: parsed.data.team,
        service: parsed.data.service,
        q: parsed.data.q,
      }
    : {};
  const page = pageParam(sp.page);
  const res = await load(() =>
    Promise.all([
      listIncidents(actor, { ...filters, page, pageSize: PAGE_SIZE }),
      allTeams(actor),
      listServices(actor, { page: 1, pageSize: 200 }),
    ]),
  );
  if (!res.ok) return <Forbidden title="Incidents" message={res.forbidden} />;
  const [incidents, teams, services] = res.data;
  const canDeclare = atLeast(actor, "editor");
  const filtered = Object.values(filters).some(Boolean);
  const declare = canDeclare ? (
    <LinkButton href="/incidents/new" variant="primary">
      Declare incident
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Open and past incidents, their timelines and blameless postmortems."
        actions={
          <>
            {declare}
            <LinkButton href="/action-items">Action items</LinkButton>
          </>
        }
      />
      <FilterBar
        action="/incidents"
        label="Filter incidents"
        filters={[
          { name: "q", label: "Search", type: "search", value: filters.q, placeholder: "Title or INC number" },
          {
            name: "status",
            label: "Status",
            value: filters.status,
            placeholder: "Any status",
            options: [
              { value: "open", label: "open (not resolved)" },
              ...INCIDENT_STATUSES.map((s) => ({ value: s, label: s })),
            ],
          },
          {
            name: "severity",
            label: "Severity",
            value: filters.severity,
            placeholder: "Any severity",
            options: SEVERITIES.map((s) => ({ value: s, label: s })),
          },
          {
            name: "team",
            label: "Team",
            value: filters.team,
            placeholder: "All teams",
            options: teams.map((t) => ({ value: t.slug, label: t.name })),
          },
          {
            name: "service",
            label: "Service",
            value: filters.service,
            placeholder: "All services",
            options: services.items.map((s) => ({ value: s.slug, label: s.slug })),
          },
        ]}
      />
      {incidents.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No incidents match these filters"
            action={<LinkButton href="/incidents">Clear filters</LinkButton>}
          >
            Try another status, severity or team.
          </EmptyState>
        ) : (
          <EmptyState title="No incidents recorded" action={declare}>
            {canDeclare
              ? "When something breaks, declare an incident: severity, affected services, commander and a timeline."
              : "Editors of a team declare incidents for its services."}
          </EmptyState>
        )
      ) : (
        <>
          <Table caption={`Incidents, page ${page}`}>
            <thead>
              <tr>
                <Th>Incident</Th>
                <Th>Severity</Th>
                <Th>Status</Th>
                <Th>Services</Th>
                <Th>Commander</Th>
                <Th>Impact start</Th>
                <Th>Postmortem</Th>
              </tr>
            </thead>
            <tbody>
              {incidents.items.map((i) => (
                <tr key={i.id}>
                  <Td>
                    <Link href={`/incidents/${i.number}`}>
                      <span className="mono">{i.key}</span> {i.title}
                    </Link>
                    <div className="small muted">{i.team.name}</div>
                  </Td>
                  <Td>
                    <SeverityBadge severity={i.severity} title={i.severityDefinition.description} />
                  </Td>
                  <Td>
                    <IncidentStatusBadge status={i.status} />
                  </Td>
                  <Td className="mono small">{i.services.map((s) => s.slug).join(", ")}</Td>
                  <Td>{i.commander?.name ?? <span className="muted">—</span>}</Td>
                  <Td className="small">
                    <Instant iso={i.instants.impactStartAt ?? i.instants.detectedAt ?? i.createdAt} compact />
                  </Td>
                  <Td>
                    {i.postmortem ? (
                      <Link href={`/incidents/${i.number}/postmortem`} className="row">
                        <PostmortemStatusBadge status={i.postmortem.status} />{" "}
                        {i.postmortem.overdue ? <OverdueBadge /> : null}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            basePath="/incidents"
            params={filters}
            page={incidents.page}
            pageSize={incidents.pageSize}
            total={incidents.total}
          />
        </>
      )}
    </>
  );
}
