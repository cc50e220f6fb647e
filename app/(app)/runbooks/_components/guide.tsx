import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import type { RunbookContext } from "@/lib/services/runbooks/context";

// The static half of a runbook page: the SLI queries with links into Prometheus, the first-five-minutes
// checklist of the operations guide, and the runbook's version history.

export function QueriesCard({ ctx }: { ctx: RunbookContext }) {
  return (
    <Card title="SLI queries" id="queries">
      {!ctx.prometheusConfigured ? (
        <p className="muted">No Prometheus is configured for this service, so the queries cannot be opened.</p>
      ) : null}
      <ul className="plain-list">
        {ctx.queries.map((q) => (
          <li key={q.label}>
            <span className="small">{q.label}</span>{" "}
            {q.href ? (
              <a href={q.href} target="_blank" rel="noreferrer">
                Open in Prometheus
              </a>
            ) : null}
            <pre className="md-code runbook-query">
              <code className="promql">{q.expr}</code>
            </pre>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function ChecklistCard({ ctx }: { ctx: RunbookContext }) {
  return (
    <Card title="First five minutes" id="checklist">
      <ol className="plain-list runbook-steps" data-testid="checklist">
        {ctx.checklist.map((step) => (
          <li key={step.key}>
            <strong>{step.title}</strong>
            <p className="small">{step.hint}</p>
            {step.links.length ? (
              <p className="small">
                {step.links.map((l, i) => (
                  <span key={l.href}>
                    {i ? " · " : ""}
                    <a href={l.href} {...(/^https?:/i.test(l.href) ? { target: "_blank", rel: "noreferrer" } : {})}>
                      {l.label}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
            {step.commands.length ? (
              <pre className="md-code">
                <code>{step.commands.join("\n")}</code>
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

type Version = { version: number; tier: string | null; body: string; author: { label: string }; createdAt: string };

export function RunbookHistory({ versions }: { versions: Version[] }) {
  if (versions.length === 0) return <p className="muted">No version saved yet.</p>;
  return (
    <Table caption="Runbook versions">
      <thead>
        <tr>
          <Th>Runbook</Th>
          <Th>Version</Th>
          <Th>Who</Th>
          <Th>When</Th>
          <Th>Length</Th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={`${v.tier ?? "all"}-${v.version}`}>
            <Td>{v.tier ?? "all tiers"}</Td>
            <Td>v{v.version}</Td>
            <Td>{v.author.label}</Td>
            <Td>
              <LocalTime iso={v.createdAt} />
            </Td>
            <Td>{v.body.trim() ? `${v.body.length} characters` : "removed (empty)"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
