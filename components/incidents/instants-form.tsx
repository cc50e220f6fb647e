"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorFields, errorMessage } from "@/lib/query/api";
import { INSTANT_KEYS, INSTANT_LABELS, type InstantKey } from "@/lib/validation/incidents";
import type { IncidentView } from "./api";
import { Instant, useYourTime } from "./instant";
import { formatSpan, fromLocalInput, toLocalInput } from "./time";
import { useIncidentMutation } from "./use-incident-mutation";

/**
 * Key instants in UTC and the viewer's zone, editable (in the viewer's zone) by editors. The server
 * checks the order and names the field out of place; the resolution instant is set by resolving.
 */
export function InstantsForm({ incident, canEdit }: { incident: IncidentView; canEdit: boolean }) {
  const yourTime = useYourTime();
  const [editing, setEditing] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useIncidentMutation<Record<string, string | null>>(
    incident.id,
    (body) => ({
      path: `/api/v1/incidents/${incident.id}`,
      method: "PATCH",
      body: { ...body, version: incident.version },
    }),
    () => setEditing(false),
  );
  const errors = clientErrors ?? errorFields(mutation.error);
  const d = incident.durations;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string | null> = {};
    const errs: Record<string, string> = {};
    for (const key of INSTANT_KEYS) {
      if (key === "resolvedAt") continue;
      const iso = fromLocalInput(String(form.get(key) ?? ""));
      if (iso === undefined) errs[key] = "is not a valid date and time";
      else if (iso !== incident.instants[key]) body[key] = iso;
    }
    if (Object.keys(errs).length) return setClientErrors(errs);
    setClientErrors(null);
    mutation.mutate(body);
  }

  if (!editing) {
    return (
      <div className="stack">
        <dl className="details">
          {INSTANT_KEYS.map((key: InstantKey) => (
            <div key={key} className="details-row">
              <dt>{INSTANT_LABELS[key]}</dt>
              <dd>
                <Instant iso={incident.instants[key]} />
              </dd>
            </div>
          ))}
          <div className="details-row">
            <dt>Durations</dt>
            <dd className="small">
              detect {formatSpan(d.timeToDetectMs)} · acknowledge {formatSpan(d.timeToAcknowledgeMs)} · mitigate{" "}
              {formatSpan(d.timeToMitigateMs)} · resolve {formatSpan(d.timeToResolveMs)}
            </dd>
          </div>
        </dl>
        {canEdit ? (
          <div>
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit key instants
            </Button>
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="field-hint">
        Times are yours ({yourTime}). Order: impact start ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved. Resolve or
        reopen with the status buttons.
      </p>
      {mutation.error && !Object.keys(errorFields(mutation.error)).length ? (
        <Alert tone="danger">
          <p>{errorMessage(mutation.error)}</p>
        </Alert>
      ) : null}
      <div className="form-grid">
        {INSTANT_KEYS.filter((k) => k !== "resolvedAt").map((key) => (
          <Field
            key={key}
            label={INSTANT_LABELS[key]}
            name={key}
            id={`instant-${key}`}
            type="datetime-local"
            defaultValue={toLocalInput(incident.instants[key])}
            error={errors[key]}
          />
        ))}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          Save instants
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setEditing(false);
            mutation.reset();
            setClientErrors(null);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
