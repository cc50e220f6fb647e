import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { ActionButton } from "@/components/oncall/action-button";
import { DeclareIncidentButton } from "@/components/oncall/declare-incident-button";
import { PAGE_STATUS_TONE as STATUS_TONE } from "@/components/oncall/page-status";
import { Badge } from "@/components/ui/badge";
import { Card, DetailList } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import type { PageAlert } from "@/lib/oncall";
import { getPageDetail } from "@/lib/services/oncall/page-detail";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

export const metadata: Metadata = { title: "Page" };

const EVENT_TEXT: Record<string, string> = {
  opened: "Opened from Alertmanager",
  notified: "Notified",
  escalated: "Escalated to the next step",
  redelivered: "Alertmanager sent the group again (no new page)",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  exhausted: "Escalation policy exhausted: nobody acknowledged",
  not_paged: "Nobody paged",
};

const LINK_TEXT: [keyof PageAlert["links"], string][] = [
  ["slo", "SLO"],
  ["runbook", "Runbook"],
  ["dashboard", "Dashboard"],
  ["source", "Prometheus"],
];

/** The group's alerts: name and state, summary, and links to the SLO, runbook and dashboard when the alert carries them. */
function AlertList({ alerts }: { alerts: PageAlert[] }) {
  return (
    <ul className="inc-list">
      {alerts.map((a, i) => (
        <li key={a.fingerprint ?? i}>
          <strong>{a.name}</strong> <Badge tone={a.status === "firing" ? "danger" : "success"}>{a.status}</Badge>
          {a.summary ? <div className="small">{a.summary}</div> : null}
          <div className="small">
            {LINK_TEXT.filter(([key]) => a.links[key]).map(([key, text], j) => (
              <span key={key}>
                {j > 0 ? " · " : null}
                {key === "slo" ? (
                  <Link href={a.links.slo!}>{text}</Link>
                ) : (
                  <a href={a.links[key]} target="_blank" rel="noreferrer noopener">
                    {text}
                  </a>
                )}
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function PageDetail({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(() => getPageDetail(actor, id));
  if (!res.ok) return <Forbidden title="Page" message={res.forbidden} />;
  const p = res.data;
  // Events and message deliveries on one timeline, oldest first (a delivery at its send or last-try time).
  const timeline = [
    ...p.events.map((e) => ({ type: "event" as const, at: e.at, e })),
    ...p.notifications.map((n) => ({ type: "delivery" as const, at: n.at, n })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <>
      <PageHeader
        title={p.title}
        crumbs={[
          { href: "/oncall", label: "On-call" },
          { href: "/oncall/pages", label: "Pages" },
        ]}
        description={<Badge tone={STATUS_TONE[p.status] ?? "neutral"}>{p.status}</Badge>}
        actions={
          <>
            {p.status === "triggered" ? (
              <ActionButton size="md" variant="primary" path={`/api/v1/pages/${p.id}/ack`} label="Acknowledge" />
            ) : null}
            {p.status === "triggered" && p.nextEscalationAt ? (
              <ActionButton size="md" path={`/api/v1/pages/${p.id}/escalate`} label="Escalate now" />
            ) : null}
            {p.status !== "resolved" ? (
              <ActionButton size="md" path={`/api/v1/pages/${p.id}/resolve`} label="Resolve" />
            ) : null}
            {p.incident ? (
              <Link className="btn btn-secondary" href={`/incidents/${p.incident.number}`}>
                INC-{p.incident.number}
              </Link>
            ) : (
              <DeclareIncidentButton pageId={p.id} />
            )}
          </>
        }
      />
      <div className="grid-2">
        <Card title="Timeline">
          <ol className="inc-timeline">
            {timeline.map((item) => {
              if (item.type === "delivery") {
                const n = item.n;
                return (
                  <li key={n.id} className="inc-timeline-entry">
                    <div className="inc-timeline-meta">
                      <LocalTime iso={n.at} />
                      <strong>
                        {n.status === "sent"
                          ? "Delivered"
                          : n.status === "failed"
                            ? "Delivery failed"
                            : n.status === "cancelled"
                              ? "Not sent"
                              : "Delivering"}
                      </strong>
                      <Badge tone={n.status === "sent" ? "success" : n.status === "failed" ? "danger" : "neutral"}>
                        {n.status}
                      </Badge>
                    </div>
                    <p className="inc-timeline-text">{n.line}</p>
                  </li>
                );
              }
              const e = item.e;
              const detail = e.detail;
              return (
                <li key={e.id} className="inc-timeline-entry">
                  <div className="inc-timeline-meta">
                    <LocalTime iso={e.at} />
                    <strong>{EVENT_TEXT[e.kind] ?? e.kind}</strong>
                    {e.step !== null ? (
                      <Badge>
                        step {e.step + 1}
                        {typeof detail.round === "number" && detail.round > 0 ? `, pass ${detail.round + 1}` : ""}
                      </Badge>
                    ) : null}
                  </div>
                  {e.users.length ? <p className="inc-timeline-text">{e.users.map((u) => u.name).join(", ")}</p> : null}
                  {e.kind === "notified" && e.users.length === 0 ? (
                    <p className="inc-timeline-text field-error">Nobody on call at this step; moved on at once.</p>
                  ) : null}
                  {typeof detail.reason === "string" && e.kind === "not_paged" ? (
                    <p className="inc-timeline-text muted">{detail.reason}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </Card>
        <Card title="Details">
          <DetailList
            items={[
              {
                label: "Service",
                value: p.service ? <Link href={`/services/${p.service.slug}`}>{p.service.name}</Link> : "unrouted",
              },
              { label: "Severity", value: p.severity },
              { label: "Opened", value: <LocalTime iso={p.openedAt} /> },
              {
                label: "Acknowledged",
                value: p.acknowledgedAt ? (
                  <>
                    {p.acknowledgedBy?.name} · <LocalTime iso={p.acknowledgedAt} />
                  </>
                ) : (
                  "not yet"
                ),
              },
              {
                label: "Resolved",
                value: p.resolvedAt ? (
                  <>
                    {p.resolvedBy} · <LocalTime iso={p.resolvedAt} />
                  </>
                ) : (
                  "not yet"
                ),
              },
              { label: "Next escalation", value: p.nextEscalationAt ? <LocalTime iso={p.nextEscalationAt} /> : "none" },
              { label: "Deliveries", value: p.deliveries },
              {
                label: "Incident",
                value: p.incident ? (
                  <Link href={`/incidents/${p.incident.number}`}>
                    INC-{p.incident.number}: {p.incident.title}
                  </Link>
                ) : (
                  "none declared"
                ),
              },
              { label: "Alerts", value: <AlertList alerts={p.alertList} /> },
              {
                label: "Labels",
                value: Object.entries(p.labels).map(([k, v]) => (
                  <div key={k} className="mono small">
                    {k}=&quot;{v}&quot;
                  </div>
                )),
              },
              { label: "Group key", value: <span className="mono small">{p.groupKey}</span> },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
