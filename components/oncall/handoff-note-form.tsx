"use client";
import { useRef, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { errorFields } from "@/lib/query/api";
import { useApiAction } from "./use-action";

/** The outgoing person's handoff: what is open, pages during the shift, what to watch. */
export function HandoffNoteForm({ scheduleId, handoffLabel }: { scheduleId: string; handoffLabel: string }) {
  const ref = useRef<HTMLFormElement>(null);
  const action = useApiAction("POST", `/api/v1/schedules/${scheduleId}/handoff-notes`, () => ref.current?.reset());
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    action.mutate({
      body: String(f.get("body") ?? ""),
      openIssues: String(f.get("openIssues") ?? ""),
      pagesSummary: String(f.get("pagesSummary") ?? ""),
      watchItems: String(f.get("watchItems") ?? ""),
    });
  }
  const errors = errorFields(action.error);
  const failed = failureText(action.error);
  return (
    <form ref={ref} className="form" onSubmit={onSubmit} noValidate aria-label="Write a handoff note">
      <p className="muted small">For your shift change at {handoffLabel}.</p>
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      {errors.handoffAt ? <Alert tone="warning">{errors.handoffAt}</Alert> : null}
      {action.isSuccess ? (
        <Alert tone="success">Handoff note saved; the next person will be asked to acknowledge it.</Alert>
      ) : null}
      <TextAreaField
        label="Summary"
        name="body"
        id="handoff-body"
        required
        rows={3}
        error={errors.body}
        placeholder="Quiet week; one page on Tuesday night (disk on db-2)."
      />
      <TextAreaField label="Open issues" name="openIssues" id="handoff-open" rows={2} error={errors.openIssues} />
      <TextAreaField
        label="Pages during the shift"
        name="pagesSummary"
        id="handoff-pages"
        rows={2}
        error={errors.pagesSummary}
      />
      <TextAreaField label="Things to watch" name="watchItems" id="handoff-watch" rows={2} error={errors.watchItems} />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={action.isPending}>
          Save handoff note
        </Button>
      </div>
    </form>
  );
}
