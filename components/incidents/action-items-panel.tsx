"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import {
  ACTION_ITEM_DUE_BUSINESS_DAYS,
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
  localDateOf,
  pastDueDateProblem,
} from "@/lib/postmortem";
import { apiFetch, ApiError, errorFields, errorMessage } from "@/lib/query/api";
import { incidentKeys, usePeople, type ActionItemView } from "./api";
import { ActionItemStatusControl } from "./action-item-status";
import { ActionItemCells, ActionItemHeads, ActionTitle } from "./action-item-cells";
import { ActionStatusBadge, label } from "./badges";
import { useIncidentMutation } from "./use-incident-mutation";

const dueHint = Object.entries(ACTION_ITEM_DUE_BUSINESS_DAYS)
  .map(([p, d]) => `${p}: ${d === null ? "none" : `${d} business days`}`)
  .join(", ");

/**
 * The incident's action items: list with status control and overdue highlight, and the add form.
 * `timezone` is the incident team's zone, in which a new item's due date must be today or later.
 */
export function ActionItemsPanel({
  incidentId,
  initial,
  canEdit,
  timezone,
}: {
  incidentId: string;
  initial: ActionItemView[];
  canEdit: boolean;
  timezone: string;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const key = [...incidentKeys.incident(incidentId), "action-items"];
  const items = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await apiFetch<{ items: ActionItemView[] }>(`/api/v1/incidents/${incidentId}/action-items?pageSize=200`)).items,
    initialData: initial,
  });
  const people = usePeople(incidentId, canEdit);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const add = useIncidentMutation<Record<string, unknown>>(
    incidentId,
    (body) => ({ path: `/api/v1/incidents/${incidentId}/action-items`, method: "POST", body }),
    () => formRef.current?.reset(),
  );
  const errors = clientErrors ?? errorFields(add.error);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: incidentKeys.incident(incidentId) });
    router.refresh();
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const title = String(form.get("title") ?? "").trim();
    if (title.length < 3) return setClientErrors({ title: "must be at least 3 characters" });
    // Same rule as the server (lib/postmortem), so the message appears before a round trip.
    const pastDue = pastDueDateProblem(String(form.get("dueDate") ?? "").trim() || null, timezone, Date.now());
    if (pastDue) return setClientErrors({ dueDate: pastDue });
    setClientErrors(null);
    const body: Record<string, unknown> = {
      title,
      priority: form.get("priority"),
      type: form.get("type"),
      description: String(form.get("description") ?? ""),
    };
    for (const k of ["owner", "dueDate", "ticketUrl"]) {
      const v = String(form.get(k) ?? "").trim();
      if (v) body[k] = v;
    }
    add.mutate(body);
  }

  const list = items.data ?? [];
  return (
    <div className="stack">
      {list.length === 0 ? (
        <p className="muted">No action items yet. A postmortem without action items is just a story.</p>
      ) : (
        <Table caption="Action items of this incident">
          <thead>
            <tr>
              <Th>Action</Th>
              <ActionItemHeads />
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} className={a.overdue ? "row-overdue" : undefined}>
                <Td>
                  <ActionTitle item={a} />
                  {a.status === "wont_do" && a.wontDoReason ? (
                    <div className="small muted">won&apos;t do: {a.wontDoReason}</div>
                  ) : null}
                </Td>
                <ActionItemCells item={a} />
                <Td>
                  {canEdit ? (
                    <ActionItemStatusControl item={a} onChanged={refresh} />
                  ) : (
                    <ActionStatusBadge status={a.status} />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit ? (
        <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Add an action item">
          <h3>Add an action item</h3>
          {add.error && !(add.error instanceof ApiError && add.error.code === "VALIDATION") ? (
            <Alert tone="danger">
              <p>{errorMessage(add.error)}</p>
            </Alert>
          ) : null}
          <Field
            label="Action"
            name="title"
            id="ai-title"
            error={errors.title}
            placeholder="Alert on search 5xx ratio above 1 % for 5 minutes"
            autoComplete="off"
          />
          <div className="form-grid">
            <SelectField
              label="Owner"
              name="owner"
              id="ai-owner"
              placeholder="Unassigned"
              options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              error={errors.owner}
            />
            <SelectField
              label="Priority"
              name="priority"
              id="ai-priority"
              defaultValue="P1"
              options={ACTION_ITEM_PRIORITIES.map((p) => ({ value: p, label: p }))}
              error={errors.priority}
            />
            <SelectField
              label="Type"
              name="type"
              id="ai-type"
              defaultValue="prevent"
              options={ACTION_ITEM_TYPES.map((t) => ({ value: t, label: label(t) }))}
              error={errors.type}
            />
            <Field
              label="Due date"
              name="dueDate"
              id="ai-due"
              type="date"
              min={localDateOf(Date.now(), timezone)}
              hint={`Empty = from priority (${dueHint}); dates in ${timezone}.`}
              error={errors.dueDate}
            />
          </div>
          <Field
            label="Ticket URL"
            name="ticketUrl"
            id="ai-ticket"
            type="url"
            placeholder="https://tracker.example.com/SRE-123"
            error={errors.ticketUrl}
          />
          <TextAreaField label="Details" name="description" id="ai-description" rows={2} error={errors.description} />
          <div className="form-actions">
            <Button type="submit" pending={add.isPending}>
              Add action item
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
