"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ACTION_ITEM_STATUSES } from "@/lib/postmortem";
import { apiFetch, errorFields, errorMessage } from "@/lib/query/api";
import type { ActionItemView } from "./api";
import { label } from "./badges";

/**
 * Changes an action item's status in place (with its version). "won't do" asks for the reason first;
 * a stale version or a missing reason shows the API's message next to the control.
 */
export function ActionItemStatusControl({
  item,
  onChanged,
  disabled,
}: {
  item: ActionItemView;
  onChanged: () => void;
  disabled?: boolean;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<ActionItemView>(`/api/v1/action-items/${item.id}`, {
        method: "PATCH",
        body: { ...body, version: item.version },
      }),
    onSuccess: () => {
      setPending(null);
      setReason("");
      onChanged();
    },
  });
  const id = `status-${item.id}`;
  const fields = errorFields(mutation.error);
  return (
    <div className="status-control">
      <label htmlFor={id} className="sr-only">
        Status of {item.title}
      </label>
      <select
        id={id}
        value={pending ?? item.status}
        disabled={disabled || mutation.isPending}
        onChange={(e) => {
          const next = e.target.value;
          if (next === "wont_do") return setPending(next);
          setPending(null);
          mutation.mutate({ status: next });
        }}
      >
        {ACTION_ITEM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </select>
      {pending === "wont_do" ? (
        <span className="row">
          <label htmlFor={`${id}-reason`} className="sr-only">
            Why it will not be done
          </label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why not?"
            aria-invalid={fields.wontDoReason ? true : undefined}
          />
          <Button
            size="sm"
            onClick={() => mutation.mutate({ status: "wont_do", wontDoReason: reason })}
            pending={mutation.isPending}
          >
            Save
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setPending(null);
              mutation.reset();
            }}
          >
            Cancel
          </Button>
        </span>
      ) : null}
      {mutation.error ? (
        <span className="field-error small" role="alert">
          {fields.wontDoReason ?? errorMessage(mutation.error)}
        </span>
      ) : null}
    </div>
  );
}
