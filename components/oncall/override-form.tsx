"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { errorFields } from "@/lib/query/api";
import { fromLocalInput } from "./format";
import type { Member } from "./schedule-model";
import { useApiAction } from "./use-action";
import { WindowFields } from "./window-fields";

const KINDS = [
  { value: "replace", label: "Replace someone (cover)" },
  { value: "add", label: "Add someone" },
  { value: "remove", label: "Take someone off" },
];

/** Creates an override on a schedule; times are entered in the schedule's zone. */
export function OverrideForm({
  scheduleId,
  tz,
  members,
  defaultUserId,
  defaultStart,
  defaultEnd,
}: {
  scheduleId: string;
  tz: string;
  members: Member[];
  defaultUserId: string;
  defaultStart: string;
  defaultEnd: string;
}) {
  const [kind, setKind] = useState("replace");
  const [noOp, setNoOp] = useState(false);
  const action = useApiAction<{ noOp: boolean }>("POST", `/api/v1/schedules/${scheduleId}/overrides`, (o) =>
    setNoOp(o.noOp),
  );
  const people = members.map((m) => ({ value: m.id, label: m.name }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const replaces = String(f.get("replacesUserId") ?? "");
    action.mutate({
      kind,
      userId: String(f.get("userId") ?? ""),
      ...(kind === "replace" && replaces ? { replacesUserId: replaces } : {}),
      startAt: fromLocalInput(String(f.get("startAt") ?? ""), tz),
      endAt: fromLocalInput(String(f.get("endAt") ?? ""), tz),
      reason: String(f.get("reason") ?? ""),
    });
  }

  const errors = errorFields(action.error);
  const failed = failureText(action.error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Create an override">
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      {action.isSuccess ? (
        <Alert tone={noOp ? "warning" : "success"}>
          {noOp
            ? "Override saved, but it changes nobody's on-call time (the person replaced is not on call then)."
            : "Override saved."}
        </Alert>
      ) : null}
      <div className="form-grid">
        <SelectField
          label="Kind"
          name="kind"
          id="override-kind"
          options={KINDS}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={errors.kind}
        />
        <SelectField
          label={kind === "remove" ? "Person taken off" : "Person on call"}
          name="userId"
          id="override-user"
          options={people}
          defaultValue={defaultUserId}
          error={errors.userId}
        />
        {kind === "replace" ? (
          <SelectField
            label="Instead of"
            name="replacesUserId"
            id="override-replaces"
            options={people}
            placeholder="Everyone on call"
            error={errors.replacesUserId}
          />
        ) : null}
        <WindowFields idPrefix="override" tz={tz} defaultStart={defaultStart} defaultEnd={defaultEnd} errors={errors} />
        <Field
          label="Reason"
          name="reason"
          id="override-reason"
          placeholder="Dentist appointment"
          error={errors.reason}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={action.isPending}>
          Create override
        </Button>
      </div>
    </form>
  );
}
