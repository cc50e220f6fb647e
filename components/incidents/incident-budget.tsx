"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { errorMessage } from "@/lib/query/api";
import { useIncidentBudget } from "@/lib/query/ledger";
import { formatPercent } from "@/lib/slo/format";

// "This incident spent 38 % of checkout-availability's 30-day budget", per affected SLO, and the budget
// policy's consequence: above the policy's share the postmortem is required with a P0/P1 action item.

export function IncidentBudget({ id, incidentNumber }: { id: string; incidentNumber: number }) {
  const q = useIncidentBudget(id);
  if (q.isPending)
    return <div className="skeleton" role="status" aria-label="Loading the budget spent" style={{ height: 60 }} />;
  if (q.isError)
    return (
      <Alert tone="warning" title="Could not compute the budget this incident spent">
        {errorMessage(q.error)}
      </Alert>
    );
  const { items, trigger, actionItemMet, window, unavailable } = q.data;
  return (
    <Card title="Error budget spent" id="budget-spent">
      {window === null ? (
        <p className="muted">
          Set the impact start (or detection) instant to see what this incident spent of its SLOs&apos; budgets.
        </p>
      ) : null}
      {window !== null && items.length === 0 ? (
        <p className="muted">The affected services have no SLO in force.</p>
      ) : null}
      {unavailable ? (
        <Alert tone="warning" title="Prometheus is unavailable">
          {unavailable}
        </Alert>
      ) : null}
      <ul className="stack" aria-label="Budget spent per SLO">
        {items.map((i) => (
          <li key={i.sloId} data-slo={i.sloName}>
            {i.consumed === null ? (
              <span className="muted">{i.sloName}: no traffic measured during the incident</span>
            ) : (
              <>
                This incident spent <strong>{formatPercent(i.consumed, 1)}</strong> of{" "}
                <Link href={`/slos/${i.sloId}#ledger`}>{i.sloName}</Link>&apos;s {i.window} budget
                {i.aboveThreshold ? (
                  <>
                    {" "}
                    <Badge tone="danger">above the policy&apos;s {formatPercent(i.threshold, 0)}</Badge>
                  </>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
      {trigger ? (
        <Alert tone={actionItemMet ? "info" : "warning"} title="Postmortem required (budget policy)">
          <p>
            This incident spent more than {formatPercent(trigger.threshold, 0)} of{" "}
            {trigger.slos.map((s) => s.sloName).join(", ")}&apos;s budget: the budget policy requires a postmortem with
            at least one P0/P1 action item.{" "}
            {actionItemMet
              ? "A P0/P1 action item exists."
              : "No P0/P1 action item yet: add one before submitting the postmortem for review."}
          </p>
          <p>
            <Link href={`/incidents/${incidentNumber}/postmortem`}>Open the postmortem</Link>
          </p>
        </Alert>
      ) : null}
      {window ? (
        <p className="muted small">
          Exact counts over the impact window ({window.from.slice(0, 16).replace("T", " ")} →{" "}
          {window.to.slice(0, 16).replace("T", " ")} UTC{window.ongoing ? ", ongoing" : ""}) against the budget of the
          SLO window ending there.
        </p>
      ) : null}
    </Card>
  );
}
