"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { apiFetch, errorFields, errorMessage } from "@/lib/query/api";
import { sloKeys } from "@/lib/query/slos";
import type { DefinitionChange } from "@/lib/slo/format";
import { DefinitionDiff } from "./definition-diff";

type Props = { sloId: string; number: number; proposedBy: string; changes: DefinitionChange[]; firstVersion: boolean };

/**
 * An approver signs off the pending version (it comes into force now) or rejects it with a comment
 * (the signed version stays in force). Only rendered for approvers of the owning team; the API checks again.
 */
export function SignOffPanel({ sloId, number, proposedBy, changes, firstVersion }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (decision: "approve" | "reject") =>
      apiFetch<{ status: string }>(`/api/v1/slos/${sloId}/versions/${number}/${decision}`, {
        method: "POST",
        body: { comment },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sloKeys.all });
      router.refresh();
    },
  });
  const fieldError = clientError ?? errorFields(mutation.error).comment;
  const reject = () => {
    if (!comment.trim()) return setClientError("A rejection needs a comment saying what to change");
    setClientError(null);
    mutation.mutate("reject");
  };

  return (
    <section className="card sign-off" aria-labelledby="sign-off-title">
      <header className="card-header">
        <h2 id="sign-off-title">Sign-off: version {number}</h2>
      </header>
      <div className="card-body stack">
        <p>
          Proposed by <strong>{proposedBy}</strong>.{" "}
          {firstVersion
            ? "Until it is signed off the SLO is not in force: no status, no alerts."
            : "The signed version stays in force until you sign this one off."}
        </p>
        {changes.length ? (
          <DefinitionDiff changes={changes} fieldHead="Field" beforeHead="In force" afterHead="Proposed" />
        ) : null}
        <TextAreaField
          label="Comment"
          name="comment"
          id="sign-off-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          error={fieldError}
          hint="Optional when signing off; required when rejecting."
        />
        {mutation.error && !errorFields(mutation.error).comment ? (
          <Alert tone="danger">{errorMessage(mutation.error)}</Alert>
        ) : null}
        {mutation.isSuccess ? (
          <Alert tone="success">
            {mutation.data.status === "active" ? "Signed off: this version is now in force." : "Rejected."}
          </Alert>
        ) : null}
        <div className="form-actions">
          <Button
            variant="primary"
            pending={mutation.isPending && mutation.variables === "approve"}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate("approve")}
          >
            Sign off version {number}
          </Button>
          <Button
            variant="danger"
            pending={mutation.isPending && mutation.variables === "reject"}
            disabled={mutation.isPending}
            onClick={reject}
          >
            Reject
          </Button>
        </div>
      </div>
    </section>
  );
}
