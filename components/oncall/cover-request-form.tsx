"use client";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorFields } from "@/lib/query/api";
import { fromLocalInput } from "./format";
import { useApiAction } from "./use-action";
import { WindowFields } from "./window-fields";

/** Ask for cover of your own shifts in a window; a teammate accepting it creates the override. */
export function CoverRequestForm({
  scheduleId,
  tz,
  defaultStart,
  defaultEnd,
}: {
  scheduleId: string;
  tz: string;
  defaultStart: string;
  defaultEnd: string;
}) {
  const action = useApiAction("POST", `/api/v1/schedules/${scheduleId}/cover-requests`);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    action.mutate({
      startAt: fromLocalInput(String(f.get("startAt") ?? ""), tz),
      endAt: fromLocalInput(String(f.get("endAt") ?? ""), tz),
      message: String(f.get("message") ?? ""),
    });
  }
  const errors = errorFields(action.error);
  const failed = failureText(action.error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Ask for cover">
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      {action.isSuccess ? <Alert tone="success">Cover request sent to the team.</Alert> : null}
      <div className="form-grid">
        <WindowFields idPrefix="cover" tz={tz} defaultStart={defaultStart} defaultEnd={defaultEnd} errors={errors} />
      </div>
      <Field
        label="Message"
        name="message"
        id="cover-message"
        placeholder="Family event; happy to swap next week"
        error={errors.message}
      />
      <div className="form-actions">
        <Button type="submit" pending={action.isPending}>
          Ask for cover
        </Button>
      </div>
    </form>
  );
}
