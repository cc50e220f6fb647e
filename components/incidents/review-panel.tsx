"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { apiFetch, ApiError, errorFields, errorMessage } from "@/lib/query/api";
import { reviewProblems } from "@/lib/validation/postmortem-review";
import { incidentKeys, usePeople, type PostmortemView } from "./api";
import { label, PostmortemStatusBadge } from "./badges";
import { Instant } from "./instant";

type Action = "submit" | "approve" | "request_changes" | "withdraw" | "publish" | "amend";

/**
 * Review workflow: named reviewers, submit the current revision, approve that exact revision or request
 * changes (approvers of the team; never the author), publish (immutable revision), amend. Buttons appear
 * only for what the API says this user may do now (`can`).
 */
export function ReviewPanel({ incidentId, doc, dirty }: { incidentId: string; doc: PostmortemView; dirty: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const people = usePeople(incidentId, doc.can.submit);
  const [reviewers, setReviewers] = useState<string[]>(doc.reviewers.map((r) => r.id));
  const [comment, setComment] = useState("");
  const mutation = useMutation({
    mutationFn: (action: Action) => {
      const body: Record<string, unknown> = { action, comment };
      if (action === "submit") Object.assign(body, { revision: doc.revision, reviewers });
      if (action === "approve" || action === "request_changes") body.revision = doc.submittedRevision ?? doc.revision;
      return apiFetch<PostmortemView>(`/api/v1/postmortems/${doc.id}/review`, { method: "POST", body });
    },
    onSuccess: async (result) => {
      setComment("");
      queryClient.setQueryData(incidentKeys.postmortem(incidentId), result);
      await queryClient.invalidateQueries({ queryKey: incidentKeys.incident(incidentId) });
      router.refresh();
    },
  });
  const fields = errorFields(mutation.error);
  // One list of what blocks the action, each item naming its section as the form does; the comment's
  // problem stays under the comment box. The API's message repeats the same list, so it is shown only
  // when there is no list; conflicts (stale revision or version) keep their explanatory message.
  const problems =
    mutation.error instanceof ApiError && mutation.error.code === "VALIDATION"
      ? reviewProblems(fields, ["comment"])
      : [];
  const candidates = [
    ...doc.reviewers.map((r) => ({ id: r.id, name: r.name, role: "reviewer" })),
    ...(people.data ?? []).filter(
      (p) => (p.role === "approver" || p.role === "admin") && !doc.reviewers.some((r) => r.id === p.id),
    ),
  ];
  const act = (action: Action) => mutation.mutate(action);
  const busy = (action: Action) => mutation.isPending && mutation.variables === action;

  return (
    <div className="stack">
      <div className="row">
        <PostmortemStatusBadge status={doc.status} />
        <span className="small">
          revision {doc.revision}
          {doc.submittedRevision ? ` · under review: ${doc.submittedRevision}` : ""}
          {doc.publishedRevision ? ` · published: ${doc.publishedRevision}` : ""}
        </span>
      </div>
      <p className="small">
        Approvals: {doc.approvals.length} of {doc.requiredApprovals}
        {doc.approvals.length
          ? ` (${doc.approvals.map((a) => `${a.user.name}, revision ${a.revision}`).join("; ")})`
          : ""}
      </p>
      {doc.can.submit ? (
        <fieldset className="fieldset">
          <legend>Reviewers</legend>
          {candidates.length === 0 ? (
            <p className="muted small">
              {people.isPending ? "Loading approvers…" : "No approver in this incident's teams."}
            </p>
          ) : (
            <div className="checks">
              {candidates.map((p) => (
                <label key={p.id}>
                  <input
                    type="checkbox"
                    checked={reviewers.includes(p.id)}
                    onChange={(e) =>
                      setReviewers(e.target.checked ? [...reviewers, p.id] : reviewers.filter((id) => id !== p.id))
                    }
                  />{" "}
                  {p.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      ) : (
        <p className="small">
          Reviewers:{" "}
          {doc.reviewers.length ? (
            doc.reviewers.map((r) => r.name).join(", ")
          ) : (
            <span className="muted">none named yet</span>
          )}
        </p>
      )}
      {doc.can.approve || doc.can.request_changes || doc.can.submit || doc.can.amend ? (
        <TextAreaField
          label="Comment"
          name="review-comment"
          id="review-comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={fields.comment}
          hint="Required to request changes."
        />
      ) : null}
      <div className="row">
        {doc.can.submit ? (
          <Button
            variant="primary"
            pending={busy("submit")}
            disabled={dirty}
            title={dirty ? "Save your changes first" : undefined}
            onClick={() => act("submit")}
          >
            Submit for review
          </Button>
        ) : null}
        {doc.can.approve ? (
          <Button variant="primary" pending={busy("approve")} onClick={() => act("approve")}>
            Approve revision {doc.submittedRevision}
          </Button>
        ) : null}
        {doc.can.request_changes ? (
          <Button pending={busy("request_changes")} onClick={() => act("request_changes")}>
            Request changes
          </Button>
        ) : null}
        {doc.can.publish ? (
          <Button variant="primary" pending={busy("publish")} onClick={() => act("publish")}>
            Publish
          </Button>
        ) : null}
        {doc.can.amend ? (
          <Button pending={busy("amend")} onClick={() => act("amend")}>
            Amend
          </Button>
        ) : null}
        {doc.can.withdraw ? (
          <Button variant="ghost" pending={busy("withdraw")} onClick={() => act("withdraw")}>
            Withdraw
          </Button>
        ) : null}
      </div>
      {mutation.error ? (
        <Alert tone="danger" title={problems.length ? "Not ready yet" : "Not done"}>
          {problems.length ? (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p>{errorMessage(mutation.error)}</p>
          )}
        </Alert>
      ) : null}
      {doc.reviewEvents.length ? (
        <details>
          <summary>Review history ({doc.reviewEvents.length})</summary>
          <ol className="inc-list small">
            {doc.reviewEvents.map((e) => (
              <li key={e.id}>
                <Instant iso={e.at} compact /> — {e.actor.label}: {label(e.action)} (revision {e.revision})
                {e.comment ? `: “${e.comment}”` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
