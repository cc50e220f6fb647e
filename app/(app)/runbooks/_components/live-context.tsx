import Link from "next/link";
import { BudgetBar } from "@/components/slos/budget-bar";
import { ComputingBanner } from "@/components/slos/computing-banner";
import { StaleBanner } from "@/components/slos/stale-banner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import type { RunbookContext } from "@/lib/services/runbooks/context";
import { BURN_WINDOWS } from "@/lib/slo/types";
import { formatBurnRate, formatPercent } from "@/lib/slo/format";

// The live half of a runbook page: burn per window and budget left (the status read model), who is on
// call, open incidents and pages, recent deploys. "No data" is said, never shown as healthy.

export function BurnCard({ ctx }: { ctx: RunbookContext }) {
  const s = ctx.status;
  const t = ctx.tier;
  if (!s)
    return (
      <Card title="Burn now">
        <Alert tone="info" title="Not in force yet">
          The SLO has no signed-off version, so nothing is measured or alerted yet.
        </Alert>
      </Card>
    );
  const firing = s.alerts.find((a) => a.name === t.name)?.firing ?? false;
  return (
    <Card title="Burn now" id="burn">
      <ComputingBanner computing={"computing" in s && s.computing === true} />
      <StaleBanner
        stale={s.stale}
        ageSeconds={s.staleAgeSeconds ?? null}
        error={s.error ?? null}
        reason={s.staleReason ?? null}
        since={s.unavailableSince ?? null}
      />
      <p>
        This alert ({t.severity}) fires when the burn rate is at least <strong>{t.factor}×</strong> over both{" "}
        {t.longWindow} and {t.shortWindow} for {t.for}.{" "}
        {s.noData ? (
          <Badge tone="warning">No data</Badge>
        ) : firing ? (
          <Badge tone="danger">Condition met now</Badge>
        ) : (
          <Badge tone="neutral">Condition not met now</Badge>
        )}
      </p>
      <Table caption="Burn rate per window">
        <thead>
          <tr>
            {BURN_WINDOWS.map((w) => (
              <Th key={w}>
                {w}
                {w === t.longWindow || w === t.shortWindow ? " ★" : ""}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="burn-rates">
            {BURN_WINDOWS.map((w) => {
              const r = s.burnRates[w];
              const over = r !== null && r >= t.factor && (w === t.longWindow || w === t.shortWindow);
              return (
                <Td key={w} className={over ? "text-danger mono" : "mono"}>
                  {r === null ? "no data" : formatBurnRate(r)}
                </Td>
              );
            })}
          </tr>
        </tbody>
      </Table>
      <p className="muted small">
        ★ this alert's windows. Budget left ({formatPercent(s.errorBudget.total, 3)} of events may fail):
      </p>
      <div data-testid="budget-left">
        <BudgetBar remaining={s.noData ? null : s.errorBudget.remaining} />
      </div>
      <p className="muted small">
        As of <LocalTime iso={s.asOf} />.
      </p>
    </Card>
  );
}

export function OnCallCard({ ctx }: { ctx: RunbookContext }) {
  const o = ctx.oncall;
  return (
    <Card title="Who is on call" id="oncall">
      {o.policy ? (
        <p>
          First step of <Link href={`/oncall/policies/${o.policy.id}`}>{o.policy.name}</Link>:{" "}
          {o.firstStep.length ? (
            <strong data-testid="oncall-first">{o.firstStep.join(", ")}</strong>
          ) : (
            <span className="text-danger">nobody</span>
          )}
        </p>
      ) : (
        <p className="muted">The service has no escalation policy: its pages reach nobody.</p>
      )}
      {o.schedules.length ? (
        <ul className="plain-list">
          {o.schedules.map((s) => (
            <li key={s.id}>
              <Link href={`/oncall/schedules/${s.id}`}>{s.name}</Link>:{" "}
              {s.users.length ? s.users.join(", ") : <span className="text-danger">nobody on call</span>}{" "}
              <span className="muted small">
                until <LocalTime iso={s.until} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Team {ctx.slo.team.name} has no on-call schedule.</p>
      )}
    </Card>
  );
}

export function OpenWorkCard({ ctx }: { ctx: RunbookContext }) {
  return (
    <Card title="Open incidents and pages" id="open">
      {ctx.incidents.length === 0 && ctx.openPages.length === 0 ? (
        <p className="muted">No open incident or page for {ctx.slo.serviceName}.</p>
      ) : null}
      <ul className="plain-list">
        {ctx.incidents.map((i) => (
          <li key={i.number}>
            <Badge tone="danger">{i.severity}</Badge>{" "}
            <Link href={`/incidents/${i.number}`}>
              INC-{i.number} {i.title}
            </Link>{" "}
            <span className="muted small">
              {i.status}, since <LocalTime iso={i.createdAt} />
            </span>
          </li>
        ))}
        {ctx.openPages.map((p) => (
          <li key={p.id}>
            <Badge tone={p.status === "triggered" ? "danger" : "warning"}>{p.status}</Badge>{" "}
            <Link href={`/oncall/pages/${p.id}`}>{p.title}</Link>{" "}
            <span className="muted small">
              opened <LocalTime iso={p.openedAt} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function DeploysCard({ ctx }: { ctx: RunbookContext }) {
  return (
    <Card title="Recent deploys (7 days)" id="deploys">
      {ctx.deploys.length === 0 ? (
        <p className="muted">No deployment of {ctx.slo.serviceName} recorded in the last 7 days.</p>
      ) : (
        <Table caption="Recent deploys">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Version</Th>
              <Th>Environment</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {ctx.deploys.map((d) => (
              <tr key={d.id}>
                <Td>
                  <LocalTime iso={d.at} />
                </Td>
                <Td className="mono">
                  {d.link && /^https?:\/\//i.test(d.link) ? (
                    <a href={d.link} target="_blank" rel="noreferrer">
                      {d.version}
                    </a>
                  ) : (
                    d.version
                  )}
                </Td>
                <Td>{d.environment}</Td>
                <Td>{d.status}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
