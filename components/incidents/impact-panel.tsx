"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatCount, formatPercent } from "@/lib/postmortem";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { incidentKeys, type PostmortemView } from "./api";
import { Instant } from "./instant";

/**
 * Impact per SLO of the affected services, computed from Prometheus over the incident window and kept as
 * a snapshot with its PromQL; recomputable until the postmortem is published, frozen after.
 */
export function ImpactPanel({ incidentId, doc }: { incidentId: string; doc: PostmortemView }) {
  const queryClient = useQueryClient();
  const recompute = useMutation({
    mutationFn: () => apiFetch(`/api/v1/postmortems/${doc.id}/impact`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentKeys.postmortem(incidentId) }),
  });
  const rows = doc.impacts;
  const frozen = rows.some((r) => r.frozen) && doc.status === "published";
  return (
    <div className="stack">
      {rows.length === 0 ? (
        <p className="muted">
          Not computed yet. The impact is read from Prometheus for every SLO of the affected services, over impact start
          (or detection) → mitigation (or resolution).
        </p>
      ) : (
        <>
          <Table caption="Impact per SLO">
            <thead>
              <tr>
                <Th>SLO and window (UTC)</Th>
                <Th className="num">Failed</Th>
                <Th className="num">Total</Th>
                <Th className="num">Error ratio</Th>
                <Th className="num">Peak</Th>
                <Th className="num" title="Share of the SLO window's error budget">
                  Budget used
                </Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td>
                    {r.sloName} <span className="mono small muted">{r.service}</span>
                    <div className="small muted nowrap">
                      {r.from.slice(0, 16).replace("T", " ")} → {r.to.slice(0, 16).replace("T", " ")}
                    </div>
                  </Td>
                  <Td className="num" data-testid={`impact-failed-${r.sloName}`}>
                    {formatCount(r.failed)}
                  </Td>
                  <Td className="num">{formatCount(r.total)}</Td>
                  <Td className="num">{formatPercent(r.errorRatio)}</Td>
                  <Td className="num">{formatPercent(r.peakErrorRatio)}</Td>
                  <Td className="num" data-testid={`impact-budget-${r.sloName}`}>
                    {formatPercent(r.budgetConsumed)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="small muted">
            Budget used is the share of the SLO window&apos;s error budget (1 − objective of all requests in the window
            ending at the incident&apos;s end) that the failed requests consumed. Computed{" "}
            <Instant iso={rows[0]!.computedAt} compact />{" "}
            {frozen ? <Badge tone="info">frozen at publication</Badge> : null}
          </p>
          <details>
            <summary>Queries (provenance)</summary>
            {rows.map((r) => (
              <div key={r.id} className="small">
                <strong>{r.sloName}</strong>
                <pre className="md-code">
                  <code>{JSON.stringify(r.details, null, 2)}</code>
                </pre>
              </div>
            ))}
          </details>
        </>
      )}
      {doc.can.recomputeImpact ? (
        <div className="row">
          <Button pending={recompute.isPending} onClick={() => recompute.mutate()}>
            {rows.length ? "Recompute impact" : "Compute impact"}
          </Button>
        </div>
      ) : null}
      {recompute.error ? (
        <Alert tone="danger" title="Impact not computed">
          <p>{errorMessage(recompute.error)}</p>
        </Alert>
      ) : null}
    </div>
  );
}
