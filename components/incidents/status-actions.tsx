"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { canTransition, INCIDENT_STATUSES, type IncidentStatus } from "@/lib/postmortem";
import { errorFields, errorMessage } from "@/lib/query/api";
import type { IncidentView } from "./api";
import { IncidentStatusBadge } from "./badges";
import { useYourTime } from "./instant";
import { fromLocalInput } from "./time";
import { useIncidentMutation } from "./use-incident-mutation";

const ACTION_LABEL = (from: string, to: IncidentStatus) =>
  to === "mitigated"
    ? "Mark mitigated"
    : to === "resolved"
      ? "Resolve"
      : from === "resolved"
        ? "Reopen"
        : "Back to investigating";

/** Status buttons for the transitions the lifecycle allows, with an optional backdated time and note. */
export function StatusActions({ incident, canEdit }: { incident: IncidentView; canEdit: boolean }) {
  const yourTime = useYourTime();
  const [at, setAt] = useState("");
  const [note, setNote] = useState("");
  const [atError, setAtError] = useState<string | null>(null);
  const mutation = useIncidentMutation<{ status: IncidentStatus; at: string | null }>(
    incident.id,
    ({ status, at }) => ({
      path: `/api/v1/incidents/${incident.id}/status`,
      method: "POST",
      body: { status, version: incident.version, ...(at ? { at } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
    }),
    () => {
      setAt("");
      setNote("");
    },
  );
  const targets = INCIDENT_STATUSES.filter((to) => canTransition(incident.status as IncidentStatus, to));
  const fields = errorFields(mutation.error);

  function go(status: IncidentStatus) {
    const iso = fromLocalInput(at);
    if (iso === undefined) return setAtError("is not a valid date and time");
    setAtError(null);
    mutation.mutate({ status, at: iso });
  }

  return (
    <div className="stack status-actions">
      <div className="row">
        <span>Status:</span> <IncidentStatusBadge status={incident.status} />
        {incident.reopenCount > 0 ? <span className="muted small">reopened {incident.reopenCount}×</span> : null}
      </div>
      {canEdit ? (
        <>
          <div className="form-grid">
            <Field
              label={`When (${yourTime})`}
              name="status-at"
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              hint="Leave empty for now; may be in the past."
              error={atError ?? fields.at}
            />
            <Field
              label="Note (optional)"
              name="status-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Error rate back at baseline"
            />
          </div>
          <div className="row">
            {targets.map((to) => (
              <Button
                key={to}
                variant={to === "resolved" ? "primary" : "secondary"}
                pending={mutation.isPending && mutation.variables?.status === to}
                onClick={() => go(to)}
              >
                {ACTION_LABEL(incident.status, to)}
              </Button>
            ))}
          </div>
          {mutation.error ? (
            <Alert tone="danger" title="Status not changed">
              <p>{errorMessage(mutation.error)}</p>
            </Alert>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
