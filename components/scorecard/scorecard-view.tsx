import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ScorecardView as Scorecard, TeamScorecardView as TeamScorecard } from "@/lib/validation/views/reports";
import { PlatformChecks } from "./platform-checks";

type Check = TeamScorecard["serviceScores"][number]["checks"][number];

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

// "No data" is its own verdict: the SLOs behind the check cannot be measured, which is neither a pass nor a fail.
const VERDICT: Record<Check["status"], { tone: "success" | "danger" | "warning"; label: string }> = {
  pass: { tone: "success", label: "✓ Pass" },
  fail: { tone: "danger", label: "✗ Fail" },
  no_data: { tone: "warning", label: "? No data" },
};

export function CheckBadge({ check }: { check: Pick<Check, "status" | "reason"> }) {
  const v = VERDICT[check.status];
  return (
    <Badge tone={v.tone} title={check.reason}>
      {v.label}
    </Badge>
  );
}

/** Services × checks for one team, with the team's roll-up in the footer. */
function TeamMatrix({ team, checks }: { team: TeamScorecard; checks: Scorecard["checks"] }) {
  return (
    <Table caption={`Readiness of ${team.team.name}: services by checklist item`}>
      <thead>
        <tr>
          <Th>Service</Th>
          {checks.map((c) => (
            <Th key={c.key} className="scorecard-col">
              {c.title}
            </Th>
          ))}
          <Th className="num">Passed</Th>
        </tr>
      </thead>
      <tbody>
        {team.serviceScores.map((s) => (
          <tr key={s.service.slug}>
            <Td className="nowrap">
              <a href={`#svc-${s.service.slug}`} className="mono">
                {s.service.slug}
              </a>
              <div className="small muted">tier {s.service.tier}</div>
            </Td>
            {s.checks.map((c) => (
              <Td key={c.key}>
                <CheckBadge check={c} />
              </Td>
            ))}
            <Td className="num">
              {s.passed} / {s.total}
            </Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="scorecard-rollup">
          <Td>Team</Td>
          {checks.map((c) => {
            const x = team.byCheck[c.key as keyof TeamScorecard["byCheck"]];
            return (
              <Td
                key={c.key}
                title={
                  [
                    x.failing.length ? `Failing: ${x.failing.join(", ")}` : "",
                    x.withoutData.length ? `No data: ${x.withoutData.join(", ")}` : "",
                  ]
                    .filter(Boolean)
                    .join("\n") || "All services pass"
                }
              >
                {x.pass} / {x.pass + x.fail + x.noData}
                {x.noData ? <div className="small muted">{x.noData} no data</div> : null}
              </Td>
            );
          })}
          <Td className="num">{pct(team.score)}</Td>
        </tr>
      </tfoot>
    </Table>
  );
}

/** "2 to fix", "1 without data", or both. */
function summary(score: TeamScorecard["serviceScores"][number]): string {
  const fail = score.checks.filter((c) => c.status === "fail").length;
  const noData = score.checks.filter((c) => c.status === "no_data").length;
  return [fail ? `${fail} to fix` : "", noData ? `${noData} without data` : ""].filter(Boolean).join(", ");
}

/** Every check of one service: verdict, reason, the offending items and where to fix it. */
function ServiceChecks({ score }: { score: TeamScorecard["serviceScores"][number] }) {
  return (
    <details className="scorecard-service" id={`svc-${score.service.slug}`} open={!score.ready}>
      <summary>
        <span className="mono">{score.service.slug}</span>{" "}
        {score.service.name !== score.service.slug ? <span className="muted">{score.service.name}</span> : null}{" "}
        <Badge tone={score.ready ? "success" : "warning"}>{score.ready ? "ready" : summary(score)}</Badge>
      </summary>
      <ul className="scorecard-checks" aria-label={`Checks of ${score.service.slug}`}>
        {score.checks.map((c) => (
          <li key={c.key} className={`scorecard-check scorecard-${c.status}`}>
            <div className="row">
              <CheckBadge check={c} />
              <strong>{c.title}</strong>
            </div>
            <p className="scorecard-reason">{c.reason}</p>
            {c.details.length ? (
              <ul className="small muted scorecard-details">
                {c.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            ) : null}
            <Link href={c.link.href} className="small">
              {c.status === "pass" ? c.link.label : `Fix: ${c.link.label}`} →
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ScorecardView({ scorecard }: { scorecard: Scorecard }) {
  if (scorecard.teams.length === 0) {
    return (
      <EmptyState title="No teams yet" action={<LinkButton href="/teams/new">Create a team</LinkButton>}>
        The scorecard rates each team&apos;s services against the operations checklist.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <PlatformChecks checks={scorecard.platform} />
      {scorecard.teams.map((t) => (
        <section key={t.team.slug} className="card" aria-labelledby={`team-${t.team.slug}`}>
          <header className="card-header">
            <h2 id={`team-${t.team.slug}`}>
              <Link href={`/teams/${t.team.slug}`}>{t.team.name}</Link>
            </h2>
            <div className="row small">
              <span className="scorecard-score" aria-label={`Team score ${pct(t.score)}`}>
                {pct(t.score)}
              </span>
              <span className="muted">
                {t.readyServices} of {t.services} service(s) ready · {t.passedChecks} of {t.totalChecks} checks pass
              </span>
              <Link href={`/reports/team/${t.team.slug}`}>Report</Link>
            </div>
          </header>
          <div className="card-body stack">
            {t.serviceScores.length === 0 ? (
              <EmptyState title="No services" action={<LinkButton href="/services/new">Add a service</LinkButton>}>
                This team owns no service yet.
              </EmptyState>
            ) : (
              <>
                <TeamMatrix team={t} checks={scorecard.checks} />
                {t.serviceScores.map((s) => (
                  <ServiceChecks key={s.service.slug} score={s} />
                ))}
              </>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
