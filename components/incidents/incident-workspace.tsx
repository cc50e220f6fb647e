"use client";
import Link from "next/link";
import { Card, DetailList } from "@/components/ui/card";
import { useIncident, type ActionItemView, type IncidentView, type TimelineEntryView } from "./api";
import { ActionItemsPanel } from "./action-items-panel";
import { OverdueBadge, PostmortemStatusBadge, SeverityBadge } from "./badges";
import { Instant } from "./instant";
import { InstantsForm } from "./instants-form";
import { RolesPanel } from "./roles-panel";
import { StatusActions } from "./status-actions";
import { TimelinePanel } from "./timeline-panel";

/** The live part of the incident page: status, details, key instants, roles, timeline, action items. */
export function IncidentWorkspace({
  initial,
  timeline,
  actionItems,
  canEdit,
}: {
  initial: IncidentView;
  timeline: TimelineEntryView[];
  actionItems: ActionItemView[];
  canEdit: boolean;
}) {
  const { data: incident } = useIncident(initial.id, initial);
  const pm = incident.postmortem;
  return (
    <div className="grid-2 incident-grid">
      <div className="stack">
        <Card title="Status">
          <StatusActions incident={incident} canEdit={canEdit} />
        </Card>
        <Card title="Timeline" id="timeline">
          <TimelinePanel incidentId={incident.id} initial={timeline} canEdit={canEdit} />
        </Card>
        <Card title="Action items" id="action-items">
          <ActionItemsPanel
            incidentId={incident.id}
            initial={actionItems}
            canEdit={canEdit}
            timezone={incident.team.timezone}
          />
        </Card>
      </div>
      <div className="stack">
        <Card title="Details">
          <DetailList
            items={[
              {
                label: "Severity",
                value: (
                  <span>
                    <SeverityBadge severity={incident.severity} /> {incident.severityDefinition.name}:{" "}
                    <span className="small">{incident.severityDefinition.description}</span>
                  </span>
                ),
              },
              { label: "Owning team", value: <Link href={`/teams/${incident.team.slug}`}>{incident.team.name}</Link> },
              {
                label: "Affected services",
                value: (
                  <span className="link-list">
                    {incident.services.map((s) => (
                      <Link key={s.id} href={`/services/${s.slug}`} className="mono">
                        {s.slug}
                      </Link>
                    ))}
                  </span>
                ),
              },
              {
                label: "Postmortem",
                value: pm ? (
                  <span className="row">
                    <PostmortemStatusBadge status={pm.status} />{" "}
                    <Link href={`/incidents/${incident.number}/postmortem`}>Open the postmortem</Link>
                    {pm.dueAt ? (
                      <span className="small">
                        due <Instant iso={pm.dueAt} compact />
                      </span>
                    ) : null}
                    {pm.overdue ? <OverdueBadge /> : null}
                  </span>
                ) : (
                  "—"
                ),
              },
              ...(incident.pages.length
                ? [{ label: "Escalated from", value: incident.pages.map((p) => p.title).join(", ") }]
                : []),
              { label: "Declared", value: <Instant iso={incident.createdAt} /> },
            ]}
          />
        </Card>
        <Card title="Key instants">
          <InstantsForm incident={incident} canEdit={canEdit} />
        </Card>
        <Card title="Roles">
          <RolesPanel incident={incident} canEdit={canEdit} />
        </Card>
      </div>
    </div>
  );
}
