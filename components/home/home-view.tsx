import Link from "next/link";
import { PolicyStateBadge } from "@/components/slos/policy-state-badge";
import { PriorityBadge, SeverityBadge } from "@/components/incidents/badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { HomeView as Home } from "@/lib/validation/views/reports";
import { Also, HomePanel, Item } from "./panel";

const pct = (v: number | null) => (v === null ? "no data" : `${(v * 100).toFixed(1)} %`);
const names = (users: { name: string }[]) => (users.length ? users.map((u) => u.name).join(", ") : "nobody");

/** The six home panels, worst first inside each. */
export function HomeView({ home }: { home: Home }) {
  const { slos, oncall, incidents, pages, postmortems, actionItems } = home;
  return (
    <div className="home-grid">
      <HomePanel
        id="home-slos"
        title="SLOs at risk or burning fast"
        count={slos.items.length}
        more={{ href: "/slos", label: "All SLOs" }}
        empty="Every SLO of your teams is within its error-budget policy and no burn-rate alert fires."
        listLabel="SLOs at risk"
        notice={
          slos.stale ? (
            <Alert tone="warning" title="Prometheus unavailable">
              Showing the last known status. {slos.error}
            </Alert>
          ) : null
        }
      >
        {slos.items.map((s) => (
          <Item
            key={s.id}
            href={s.href}
            title={s.name}
            badges={<PolicyStateBadge state={s.state} reasons={s.reasons} />}
          >
            <span className="mono">{s.service.slug}</span> · {pct(s.remaining)} of the budget left
            {s.burnRate1h !== null ? ` · burn ${s.burnRate1h.toFixed(1)}× (1 h)` : ""}
            {s.firingAlerts.length ? (
              <Also>
                <Badge tone={s.firingAlerts.some((a) => a.severity === "page") ? "danger" : "warning"}>
                  {s.firingAlerts.map((a) => a.name).join(", ")} firing
                </Badge>
              </Also>
            ) : null}
          </Item>
        ))}
      </HomePanel>

      <HomePanel
        id="home-oncall"
        title="On call now"
        count={oncall.length}
        more={{ href: "/oncall", label: "On-call" }}
        empty="Your teams have no on-call schedule yet."
        listLabel="On call now per schedule"
      >
        {oncall.map((o) => (
          <Item
            key={o.schedule.id}
            href={o.href}
            title={o.schedule.name}
            badges={o.users.length === 0 ? <Badge tone="danger">gap</Badge> : undefined}
          >
            <strong className="home-oncall-names">{names(o.users)}</strong> · {o.team.name}
            {o.until ? (
              <Also>
                until <LocalTime iso={o.until} />, then {names(o.next)}
              </Also>
            ) : null}
          </Item>
        ))}
      </HomePanel>

      <HomePanel
        id="home-incidents"
        title="Open incidents"
        count={incidents.total}
        more={{ href: home.links.incidents, label: "All open incidents" }}
        empty="No open incident in your teams."
        listLabel="Open incidents"
      >
        {incidents.items.map((i) => (
          <Item
            key={i.number}
            href={i.href}
            title={`${i.key} ${i.title}`}
            badges={<SeverityBadge severity={i.severity} />}
          >
            {i.status} since <LocalTime iso={i.startedAt} />
            {i.services.length ? <Also mono>{i.services.join(", ")}</Also> : null}
          </Item>
        ))}
      </HomePanel>

      <HomePanel
        id="home-pages"
        title="Open pages"
        count={pages.total}
        more={{ href: home.links.pages, label: "All open pages" }}
        empty="No page is waiting for an acknowledgement or resolution."
        listLabel="Open pages"
      >
        {pages.items.map((p) => (
          <Item
            key={p.id}
            href={p.href}
            title={p.title}
            badges={
              <Badge
                tone={p.status === "triggered" ? "danger" : "warning"}
                title={p.unacknowledged ? "Every escalation step was notified and nobody acknowledged" : undefined}
              >
                {p.unacknowledged ? "unacknowledged" : p.status}
              </Badge>
            }
          >
            opened <LocalTime iso={p.openedAt} />
            {p.service ? <Also mono>{p.service}</Also> : null}
          </Item>
        ))}
      </HomePanel>

      <HomePanel
        id="home-postmortems"
        title="Postmortems due or overdue"
        count={postmortems.total}
        more={{ href: "/incidents?status=resolved", label: "Resolved incidents" }}
        empty="Every required postmortem is published."
        listLabel="Postmortems due or overdue"
      >
        {postmortems.items.map((p) => (
          <Item
            key={p.number}
            href={p.href}
            title={`${p.key} ${p.title}`}
            badges={
              <>
                <SeverityBadge severity={p.severity} />{" "}
                <Badge tone={p.status === "missing" ? "danger" : "info"}>
                  {p.status === "missing" ? "overdue" : "due"}
                </Badge>
                {p.budgetPolicy ? (
                  <>
                    {" "}
                    <Badge
                      tone="warning"
                      title="The incident spent more of an SLO's budget than the budget policy allows: a P0/P1 action item is required"
                    >
                      budget policy
                    </Badge>
                  </>
                ) : null}
              </>
            }
          >
            due <LocalTime iso={p.dueAt} /> ·{" "}
            {p.postmortemStatus ? p.postmortemStatus.replace(/_/g, " ") : "not started"}
          </Item>
        ))}
      </HomePanel>

      <HomePanel
        id="home-action-items"
        title="Overdue action items"
        count={actionItems.total}
        more={{ href: home.links.actionItems, label: "All overdue items" }}
        empty="No action item of your teams is past its due date."
        listLabel="Overdue action items"
      >
        {actionItems.items.map((a) => (
          <Item key={a.id} href={a.href} title={a.title} badges={<PriorityBadge priority={a.priority} />}>
            due {a.dueDate} ({a.dueTimezone}){a.incident ? ` · ${a.incident}` : ""}
            {a.service ? <Also mono>{a.service}</Also> : null}
          </Item>
        ))}
      </HomePanel>
      <p className="small muted home-footer">
        Readiness of each service against the operations checklist: <Link href="/scorecard">scorecard</Link>. Monthly
        and quarterly figures per team: <Link href="/reports">reports</Link>.
      </p>
    </div>
  );
}
