"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch, ApiError, errorMessage } from "@/lib/query/api";
import {
  POSTMORTEM_SECTION_HINTS,
  POSTMORTEM_SECTION_TITLES,
  POSTMORTEM_SECTIONS,
  type PostmortemSectionKey,
} from "@/lib/validation/incidents";
import { incidentKeys, type PostmortemView } from "./api";
import { Markdown } from "./markdown";

type Sections = Record<PostmortemSectionKey, string>;
type Conflict = { mine: Sections; current: PostmortemView };

const differs = (a: Sections, b: Sections) => POSTMORTEM_SECTIONS.some((k) => a[k] !== b[k]);

/**
 * The postmortem's Markdown sections, each with a live preview. A save carries the version the text was
 * based on; when someone else saved first the API answers 409 with the current document and the
 * conflict dialog shows both versions side by side per section to merge. Nothing is overwritten silently.
 */
export function PostmortemEditor({
  incidentId,
  doc,
  onDirtyChange,
}: {
  incidentId: string;
  doc: PostmortemView;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState({ version: doc.version, sections: doc.sections });
  const [draft, setDraft] = useState<Sections>(doc.sections);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = differs(draft, base.sections);
  const editable = doc.can.edit;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // Another action (review, impact, someone else's save seen on refresh) changed the document.
  useEffect(() => {
    if (doc.version === base.version) return;
    if (!dirty) {
      setBase({ version: doc.version, sections: doc.sections });
      setDraft(doc.sections);
    } else if (!differs(doc.sections, base.sections)) {
      // Only metadata changed (a review action): the text this draft is based on is still current.
      setBase({ version: doc.version, sections: doc.sections });
    }
  }, [doc.version, doc.sections, base.version, base.sections, dirty]);

  const save = useMutation({
    mutationFn: (vars: { sections: Sections; version: number }) =>
      apiFetch<PostmortemView>(`/api/v1/incidents/${incidentId}/postmortem`, { method: "PUT", body: vars }),
    onSuccess: (result) => {
      setBase({ version: result.version, sections: result.sections });
      setDraft(result.sections);
      setConflict(null);
      setSaved(true);
      queryClient.setQueryData(incidentKeys.postmortem(incidentId), result);
    },
    onError: async (err, vars) => {
      if (err instanceof ApiError && err.code === "CONFLICT" && err.fields.version) {
        // The envelope's `current` is not part of ApiError: fetch the document as it is now.
        const current = await apiFetch<PostmortemView>(`/api/v1/incidents/${incidentId}/postmortem`);
        setConflict({ mine: vars.sections, current });
        queryClient.setQueryData(incidentKeys.postmortem(incidentId), current);
      }
    },
  });

  return (
    <div className="stack">
      {editable ? (
        <div className="editor-bar row" role="region" aria-label="Save the postmortem">
          <Button
            variant="primary"
            pending={save.isPending}
            disabled={!dirty}
            onClick={() => {
              setSaved(false);
              save.mutate({ sections: draft, version: base.version });
            }}
          >
            Save postmortem
          </Button>
          <span className="muted small" aria-live="polite">
            {dirty ? "Unsaved changes" : saved ? `Saved (version ${base.version})` : `Version ${base.version}`}
          </span>
          {save.error && !conflict ? <span className="field-error">{errorMessage(save.error)}</span> : null}
        </div>
      ) : doc.status === "published" ? (
        <Alert tone="info" title="Published">
          Revision {doc.publishedRevision} is published and immutable. Amend it to start a new revision.
        </Alert>
      ) : null}
      {POSTMORTEM_SECTIONS.map((key) => (
        <section key={key} className="pm-section" aria-labelledby={`pm-${key}-title`}>
          <h2 id={`pm-${key}-title`}>{POSTMORTEM_SECTION_TITLES[key]}</h2>
          {editable ? (
            <div className="pm-split">
              <div className="field">
                <label htmlFor={`pm-${key}`}>{POSTMORTEM_SECTION_TITLES[key]} (Markdown)</label>
                <textarea
                  id={`pm-${key}`}
                  name={key}
                  rows={8}
                  value={draft[key]}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                  aria-describedby={`pm-${key}-hint`}
                />
                <p id={`pm-${key}-hint`} className="field-hint">
                  {POSTMORTEM_SECTION_HINTS[key]}
                </p>
              </div>
              <div className="pm-preview" aria-label={`${POSTMORTEM_SECTION_TITLES[key]} preview`}>
                <div className="pm-preview-label small muted">Preview</div>
                <Markdown text={draft[key]} />
              </div>
            </div>
          ) : (
            <Markdown text={doc.sections[key]} empty="Not written." />
          )}
        </section>
      ))}
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          pending={save.isPending}
          onSave={(merged) => save.mutate({ sections: merged, version: conflict.current.version })}
          onDiscard={() => {
            setBase({ version: conflict.current.version, sections: conflict.current.sections });
            setDraft(conflict.current.sections);
            setConflict(null);
          }}
          onClose={() => setConflict(null)}
        />
      ) : null}
    </div>
  );
}

/** Both versions of every section that differs, with a merge box prefilled with the author's own text. */
function ConflictDialog({
  conflict,
  pending,
  onSave,
  onDiscard,
  onClose,
}: {
  conflict: Conflict;
  pending: boolean;
  onSave: (s: Sections) => void;
  onDiscard: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const theirs = conflict.current.sections;
  const changed = POSTMORTEM_SECTIONS.filter((k) => conflict.mine[k] !== theirs[k]);
  const [merged, setMerged] = useState<Sections>(() => ({
    ...theirs,
    ...Object.fromEntries(changed.map((k) => [k, conflict.mine[k]])),
  }));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog conflict-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Someone else saved this postmortem</h2>
      <div className="dialog-body">
        <p>
          Version {conflict.current.version} was saved while you were editing. Your text was not saved and is not lost:
          compare both versions below, merge them, then save.
        </p>
        {changed.map((k) => (
          <fieldset key={k} className="fieldset conflict-section">
            <legend>{POSTMORTEM_SECTION_TITLES[k]}</legend>
            <div className="conflict-columns">
              <div>
                <h3>Your version</h3>
                <pre className="conflict-text" data-testid={`mine-${k}`}>
                  {conflict.mine[k] || "(empty)"}
                </pre>
                <Button size="sm" onClick={() => setMerged({ ...merged, [k]: conflict.mine[k] })}>
                  Use mine
                </Button>
              </div>
              <div>
                <h3>Current version</h3>
                <pre className="conflict-text" data-testid={`theirs-${k}`}>
                  {theirs[k] || "(empty)"}
                </pre>
                <Button size="sm" onClick={() => setMerged({ ...merged, [k]: theirs[k] })}>
                  Use theirs
                </Button>
              </div>
            </div>
            <div className="field">
              <label htmlFor={`merge-${k}`}>Merged {POSTMORTEM_SECTION_TITLES[k]}</label>
              <textarea
                id={`merge-${k}`}
                rows={5}
                value={merged[k]}
                onChange={(e) => setMerged({ ...merged, [k]: e.target.value })}
              />
            </div>
          </fieldset>
        ))}
      </div>
      <div className="dialog-actions">
        <Button variant="ghost" onClick={onClose}>
          Keep editing
        </Button>
        <Button onClick={onDiscard}>Discard mine, take current</Button>
        <Button variant="primary" pending={pending} onClick={() => onSave(merged)}>
          Save merged version
        </Button>
      </div>
    </dialog>
  );
}
