"use client";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { errorFields, errorMessage } from "@/lib/query/api";
import { USER_TIMELINE_KINDS } from "@/lib/validation/incidents";
import { useTimeline, type TimelineEntryView } from "./api";
import { label } from "./badges";
import { Instant, useYourTime } from "./instant";
import { fromLocalInput, toLocalInput } from "./time";
import { useIncidentMutation } from "./use-incident-mutation";

const KIND_OPTIONS = USER_TIMELINE_KINDS.map((k) => ({ value: k, label: label(k) }));

type EntryBody = { at?: string | null; kind?: string; text?: string; starred?: boolean; version?: number };

/**
 * The incident timeline in UTC and the viewer's zone: add (backdatable), edit, star for the postmortem,
 * delete. Status and role changes are written by the system and can only be starred.
 */
export function TimelinePanel({
  incidentId,
  initial,
  canEdit,
}: {
  incidentId: string;
  initial: TimelineEntryView[];
  canEdit: boolean;
}) {
  const yourTime = useYourTime();
  const timeline = useTimeline(incidentId, initial);
  const entries = timeline.data ?? [];
  const [editingId, setEditingId] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const add = useIncidentMutation<EntryBody>(
    incidentId,
    (body) => ({ path: `/api/v1/incidents/${incidentId}/timeline`, method: "POST", body }),
    () => formRef.current?.reset(),
  );
  const update = useIncidentMutation<{ id: string; body: EntryBody }>(
    incidentId,
    ({ id, body }) => ({ path: `/api/v1/incidents/${incidentId}/timeline/${id}`, method: "PATCH", body }),
    () => setEditingId(null),
  );
  const remove = useIncidentMutation<string>(incidentId, (id) => ({
    path: `/api/v1/incidents/${incidentId}/timeline/${id}`,
    method: "DELETE",
  }));
  const [addErrors, setAddErrors] = useState<Record<string, string> | null>(null);
  const addFields = addErrors ?? errorFields(add.error);

  function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = fromLocalInput(String(form.get("at") ?? ""));
    if (at === undefined) return setAddErrors({ at: "is not a valid date and time" });
    setAddErrors(null);
    add.mutate({
      ...(at ? { at } : {}),
      kind: String(form.get("kind")),
      text: String(form.get("text") ?? ""),
      starred: form.get("starred") === "on",
    });
  }

  return (
    <div className="stack">
      {entries.length === 0 ? (
        <p className="muted">No timeline entries yet.</p>
      ) : (
        <ol className="inc-timeline" aria-label="Timeline, oldest first">
          {entries.map((e) => (
            <li key={e.id} className={e.starred ? "inc-timeline-entry starred" : "inc-timeline-entry"}>
              {editingId === e.id ? (
                <EditEntry
                  entry={e}
                  pending={update.isPending}
                  error={update.error}
                  onCancel={() => setEditingId(null)}
                  onSave={(body) => update.mutate({ id: e.id, body: { ...body, version: e.version } })}
                />
              ) : (
                <>
                  <div className="inc-timeline-meta">
                    <Instant iso={e.at} compact />
                    <Badge tone={e.system ? "neutral" : "info"}>{label(e.kind)}</Badge>
                    {e.addedLater ? (
                      <Badge tone="warning" title={`Written down at ${e.createdAt}`}>
                        added later
                      </Badge>
                    ) : null}
                    <span className="muted small">{e.author.label}</span>
                  </div>
                  <p className="inc-timeline-text">{e.text}</p>
                  {canEdit ? (
                    <div className="row inc-timeline-actions">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-pressed={e.starred}
                        aria-label={`${e.starred ? "Unstar" : "Star"} entry: ${e.text}`}
                        onClick={() => update.mutate({ id: e.id, body: { starred: !e.starred, version: e.version } })}
                      >
                        {e.starred ? "★ Starred" : "☆ Star"}
                      </Button>
                      {!e.system ? (
                        <>
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setEditingId(e.id)}
                            aria-label={`Edit entry: ${e.text}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            pending={remove.isPending && remove.variables === e.id}
                            onClick={() => remove.mutate(e.id)}
                            aria-label={`Delete entry: ${e.text}`}
                          >
                            Delete
                          </Button>
                        </>
                      ) : null}
                    </div>
                  ) : e.starred ? (
                    <span className="small muted">★ starred</span>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {(update.error && !editingId) || remove.error ? (
        <Alert tone="danger">
          <p>{errorMessage(update.error ?? remove.error)}</p>
        </Alert>
      ) : null}
      {canEdit ? (
        <form
          ref={formRef}
          className="form inc-timeline-add"
          onSubmit={onAdd}
          noValidate
          aria-label="Add a timeline entry"
        >
          <h3>Add an entry</h3>
          <div className="form-grid">
            <Field
              label={`When (${yourTime})`}
              name="at"
              id="timeline-at"
              type="datetime-local"
              hint="Empty = now. Backdating is allowed."
              error={addFields.at}
            />
            <SelectField
              label="Kind"
              name="kind"
              id="timeline-kind"
              options={KIND_OPTIONS}
              defaultValue="note"
              error={addFields.kind}
            />
          </div>
          <TextAreaField
            label="What happened"
            name="text"
            id="timeline-text"
            rows={2}
            error={addFields.text}
            placeholder="Rolled back search-api to v41"
          />
          <label className="inc-check">
            <input type="checkbox" name="starred" /> Star for the postmortem
          </label>
          {add.error && !Object.keys(errorFields(add.error)).length ? (
            <Alert tone="danger">
              <p>{errorMessage(add.error)}</p>
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" pending={add.isPending}>
              Add entry
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function EditEntry({
  entry,
  pending,
  error,
  onCancel,
  onSave,
}: {
  entry: TimelineEntryView;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (body: EntryBody) => void;
}) {
  const yourTime = useYourTime();
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const fields = local ?? errorFields(error);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = fromLocalInput(String(form.get("at") ?? ""));
    if (!at) return setLocal({ at: "is required" });
    setLocal(null);
    onSave({ at, kind: String(form.get("kind")), text: String(form.get("text") ?? "") });
  }
  const id = `edit-${entry.id}`;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Edit timeline entry">
      <div className="form-grid">
        <Field
          label={`When (${yourTime})`}
          name="at"
          id={`${id}-at`}
          type="datetime-local"
          defaultValue={toLocalInput(entry.at)}
          error={fields.at}
        />
        <SelectField
          label="Kind"
          name="kind"
          id={`${id}-kind`}
          options={KIND_OPTIONS}
          defaultValue={entry.kind}
          error={fields.kind}
        />
      </div>
      <TextAreaField
        label="What happened"
        name="text"
        id={`${id}-text`}
        rows={2}
        defaultValue={entry.text}
        error={fields.text}
      />
      {error && !Object.keys(errorFields(error)).length ? (
        <Alert tone="danger">
          <p>{errorMessage(error)}</p>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" size="sm" pending={pending}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
