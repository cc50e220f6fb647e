"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtc } from "@/components/ui/format-time";
import { Table, Td, Th } from "@/components/ui/table";
import { errorMessage } from "@/lib/query/api";
import { useCorrectionAction, useCorrections, type CorrectionView } from "@/lib/query/corrections";
import { CORRECTION_CATEGORY_LABELS } from "@/lib/validation/corrections";
import { CorrectionForm } from "./correction-form";

type Props = { sloId: string; canEdit: boolean; canApprove: boolean; actorEmail: string; nowMs: number };
const TONE = { pending: "warning", approved: "success", rejected: "neutral" } as const;

/**
 * Corrections of one SLO: time ranges excluded from its budget once an approver other than the author
 * signs them off. Approved ones show as grey bands on the burndown; the Prometheus rules never change.
 */
export function CorrectionsPanel({ sloId, canEdit, canApprove, actorEmail, nowMs }: Props) {
  const list = useCorrections(sloId);
  const items = list.data?.items ?? [];
  return (
    <Card title="Corrections (excluded from the budget)" id="corrections">
      <div className="stack">
        {list.isError ? (
          <Alert tone="danger" title="Could not load the corrections">
            {errorMessage(list.error)}
          </Alert>
        ) : null}
        {list.isPending ? (
          <div className="skeleton" role="status" aria-label="Loading the corrections" style={{ height: 60 }} />
        ) : null}
        {list.isSuccess && !items.length ? (
          <EmptyState title="No corrections">
            Planned maintenance, bad data or a load test can be excluded from the budget: propose the range below; an
            approver signs it off.
          </EmptyState>
        ) : null}
        {items.length ? (
          <Table caption="Corrections">
            <thead>
              <tr>
                <Th>Range (UTC)</Th>
                <Th>Category</Th>
                <Th>Reason</Th>
                <Th>Proposed by</Th>
                <Th>Status</Th>
                <Th>Actions</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <CorrectionRow
                  key={c.id}
                  sloId={sloId}
                  c={c}
                  canEdit={canEdit}
                  canApprove={canApprove}
                  actorEmail={actorEmail}
                />
              ))}
            </tbody>
          </Table>
        ) : null}
        <p className="small muted">
          Only approved corrections apply: their whole hours leave the budget, burndown, reports, the release gate and
          the ledger. The generated Prometheus rules and the OpenSLO export are unchanged.
        </p>
        {canEdit ? <CorrectionForm sloId={sloId} nowMs={nowMs} /> : null}
      </div>
    </Card>
  );
}

function CorrectionRow({
  sloId,
  c,
  canEdit,
  canApprove,
  actorEmail,
}: {
  sloId: string;
  c: CorrectionView;
  canEdit: boolean;
  canApprove: boolean;
  actorEmail: string;
}) {
  const action = useCorrectionAction(sloId);
  const [comment, setComment] = useState("");
  const range = `${formatUtc(c.startsAt)} – ${formatUtc(c.endsAt)}`;
  const mayReview = canApprove && c.status === "pending" && c.author !== actorEmail;
  const mayDelete = c.status === "approved" ? canApprove : canEdit;
  return (
    <tr data-correction-status={c.status}>
      <Td className="mono small">{range}</Td>
      <Td>{CORRECTION_CATEGORY_LABELS[c.category as keyof typeof CORRECTION_CATEGORY_LABELS] ?? c.category}</Td>
      <Td className="prose">{c.reason}</Td>
      <Td>{c.author}</Td>
      <Td>
        <Badge tone={TONE[c.status]}>{c.status}</Badge>
        {c.reviewedBy ? (
          <div className="small muted">
            by {c.reviewedBy}
            {c.reviewComment ? `: ${c.reviewComment}` : ""}
          </div>
        ) : null}
        {canApprove && c.status === "pending" && !mayReview ? (
          <div className="small muted">You proposed it: another approver signs it off.</div>
        ) : null}
      </Td>
      <Td>
        <div className="stack">
          {mayReview ? (
            <>
              <input
                type="text"
                aria-label={`Comment on the correction ${range}`}
                placeholder="Comment (required to reject)"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <div className="form-actions">
                <Button
                  variant="primary"
                  size="sm"
                  pending={action.isPending && action.variables?.kind === "approve"}
                  disabled={action.isPending}
                  onClick={() => action.mutate({ kind: "approve", id: c.id, version: c.version, comment })}
                >
                  Sign off
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  disabled={action.isPending || !comment.trim()}
                  onClick={() => action.mutate({ kind: "reject", id: c.id, version: c.version, comment })}
                >
                  Reject
                </Button>
              </div>
            </>
          ) : null}
          {mayDelete ? (
            <Button
              size="sm"
              disabled={action.isPending}
              onClick={() => action.mutate({ kind: "delete", id: c.id, version: c.version })}
            >
              Delete
            </Button>
          ) : null}
          {action.error ? (
            <span role="alert" className="small text-danger">
              {errorMessage(action.error)}
            </span>
          ) : null}
        </div>
      </Td>
    </tr>
  );
}
