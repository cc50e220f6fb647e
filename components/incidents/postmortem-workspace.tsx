"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { usePostmortem, type PostmortemView } from "./api";
import { ActionItemsPanel } from "./action-items-panel";
import { OverdueBadge, PostmortemStatusBadge } from "./badges";
import { ImpactPanel } from "./impact-panel";
import { Instant } from "./instant";
import { PostmortemEditor } from "./postmortem-editor";
import { ReviewPanel } from "./review-panel";

/** Everything of the postmortem page that changes: document, review, impact, starred timeline, action items. */
export function PostmortemWorkspace({
  incidentId,
  initial,
  canEditIncident,
}: {
  incidentId: string;
  initial: PostmortemView;
  canEditIncident: boolean;
}) {
  const { data: doc } = usePostmortem(incidentId, initial);
  const [dirty, setDirty] = useState(false);
  const number = doc.incident.number;
  return (
    <div className="pm-layout">
      <div className="stack pm-main">
        <PostmortemEditor incidentId={incidentId} doc={doc} onDirtyChange={setDirty} />
        <Card title="Impact from Prometheus" id="impact">
          <ImpactPanel incidentId={incidentId} doc={doc} />
        </Card>
        <Card
          title="Timeline (starred entries, UTC)"
          id="pm-timeline"
          actions={<Link href={`/incidents/${number}#timeline`}>Star entries on the incident</Link>}
        >
          {doc.timeline.length === 0 ? (
            <p className="muted">No starred entries. Star the moments that tell the story on the incident page.</p>
          ) : (
            <ol className="inc-timeline">
              {doc.timeline.map((e) => (
                <li key={e.id} className="inc-timeline-entry">
                  <div className="inc-timeline-meta">
                    <Instant iso={e.at} compact />
                  </div>
                  <p className="inc-timeline-text">{e.text}</p>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="Action items" id="action-items">
          <ActionItemsPanel
            incidentId={incidentId}
            initial={doc.actionItems}
            canEdit={canEditIncident}
            timezone={doc.incident.team.timezone}
          />
        </Card>
      </div>
      <aside className="stack pm-side" aria-label="Review and export">
        <Card title="Review">
          <ReviewPanel incidentId={incidentId} doc={doc} dirty={dirty} />
        </Card>
        <Card title="Due date">
          {doc.dueAt ? (
            <p>
              <Instant iso={doc.dueAt} />{" "}
              {doc.overdue ? <OverdueBadge /> : doc.publishedAt ? <Badge tone="success">published</Badge> : null}
              <br />
              <span className="small muted">
                5 business days after resolution for SEV-1/2, in the team&apos;s time zone ({doc.incident.team.timezone}
                ).
              </span>
            </p>
          ) : (
            <p className="muted small">
              No deadline (
              {doc.incident.status === "resolved"
                ? `${doc.incident.severity} postmortems are optional`
                : "counts from the resolution"}
              ).
            </p>
          )}
        </Card>
        <Card title="Export">
          <ul className="inc-list">
            <li>
              <a href={`/api/v1/postmortems/${doc.id}.md?download=1`} download>
                Download Markdown
              </a>
            </li>
            <li>
              <a href={`/api/v1/postmortems/${doc.id}.md`} target="_blank" rel="noreferrer">
                View Markdown
              </a>
            </li>
            <li>
              <Link href={`/incidents/${number}/postmortem/print`}>Print-friendly view</Link>
            </li>
          </ul>
        </Card>
      </aside>
    </div>
  );
}

/** The postmortem's status badge for the server-rendered page header, following the live document. */
export function LivePostmortemStatus({ incidentId, initial }: { incidentId: string; initial: PostmortemView }) {
  const { data } = usePostmortem(incidentId, initial);
  return <PostmortemStatusBadge status={data.status} />;
}
