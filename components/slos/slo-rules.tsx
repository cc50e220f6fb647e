"use client";
import { CopyButton } from "@/components/tokens/copy-button";
import { Alert } from "@/components/ui/alert";
import { useSloRules } from "@/lib/query/slos";

/** The generated Prometheus rule file (a small YAML from the database, no Prometheus query): show, copy, download. */
export function SloRules({ id, name, alertsSkipped }: { id: string; name: string; alertsSkipped: string | null }) {
  const rules = useSloRules(id, true);
  return (
    <div className="stack">
      {alertsSkipped ? (
        <Alert tone="warning" title="No alert rules are generated">
          {alertsSkipped}
        </Alert>
      ) : null}
      <div className="row">
        <a className="btn btn-secondary btn-sm" href={`/api/v1/slos/${id}/rules`} download={`${name}.rules.yml`}>
          Download YAML
        </a>
        {rules.data ? <CopyButton text={rules.data} /> : null}
      </div>
      <details>
        <summary>Show the recording and alerting rules</summary>
        {rules.isPending ? <p className="muted">Loading…</p> : null}
        {rules.isError ? <Alert tone="danger">{rules.error.message}</Alert> : null}
        {rules.data ? (
          <pre className="code-block" tabIndex={0} aria-label="Prometheus rules YAML">
            {rules.data}
          </pre>
        ) : null}
      </details>
    </div>
  );
}
