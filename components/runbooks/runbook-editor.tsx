"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Markdown } from "@/components/incidents/markdown";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { apiFetch, ApiError, errorFields, errorMessage } from "@/lib/query/api";
import type { RunbookView } from "@/lib/validation/views/runbooks";

type Doc = { version: number; body: string };
type Props = { sloId: string; tier: string; own: Doc; all: Doc };

/**
 * Edits the tier's own runbook or the one of all tiers, with a live preview. A save carries the version
 * the text was based on; when someone else saved first (409) their text is shown next to the draft,
 * which is kept, and saving again builds on their version: nothing is overwritten silently.
 */
export function RunbookEditor({ sloId, tier, own, all }: Props) {
  const router = useRouter();
  const [scope, setScope] = useState<"tier" | "all">(own.version > 0 || all.version === 0 ? "tier" : "all");
  const docs = { tier: own, all };
  const [bases, setBases] = useState(docs);
  const [drafts, setDrafts] = useState({ tier: own.body, all: all.body });
  const [conflict, setConflict] = useState<RunbookView | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const base = bases[scope];
  const draft = drafts[scope];
  const url = `/api/v1/slos/${encodeURIComponent(sloId)}/runbook`;

  const save = useMutation({
    mutationFn: (vars: { scope: "tier" | "all"; body: string; version: number }) =>
      apiFetch<RunbookView>(url, {
        method: "PUT",
        body: { tier: vars.scope === "tier" ? tier : null, body: vars.body, version: vars.version },
      }),
    onSuccess: (result, vars) => {
      setBases((b) => ({ ...b, [vars.scope]: { version: result.version, body: result.body } }));
      setConflict(null);
      setSaved(result.version);
      router.refresh();
    },
    onError: async (err, vars) => {
      if (err instanceof ApiError && err.code === "CONFLICT" && err.fields.version) {
        setConflict(
          await apiFetch<RunbookView>(vars.scope === "tier" ? `${url}?tier=${encodeURIComponent(tier)}` : url),
        );
      }
    },
  });

  return (
    <div className="stack">
      <fieldset className="row" aria-label="Which runbook to edit">
        <label>
          <input
            type="radio"
            name="runbook-scope"
            checked={scope === "tier"}
            onChange={() => {
              setScope("tier");
              setConflict(null);
            }}
          />{" "}
          This tier ({tier})
        </label>
        <label>
          <input
            type="radio"
            name="runbook-scope"
            checked={scope === "all"}
            onChange={() => {
              setScope("all");
              setConflict(null);
            }}
          />{" "}
          All tiers of this SLO
        </label>
      </fieldset>
      <TextAreaField
        label="Runbook (Markdown)"
        name="runbook-body"
        rows={14}
        value={draft}
        onChange={(e) => {
          const v = e.target.value;
          setDrafts((d) => ({ ...d, [scope]: v }));
          setSaved(null);
        }}
        hint={
          scope === "tier"
            ? "Shown for this tier's alert; without text the runbook of all tiers is shown."
            : "Shown for every tier without a runbook of its own. An empty text removes it."
        }
        error={errorFields(save.error).body}
      />
      {conflict ? (
        <Alert tone="warning" title={`Someone else saved version ${conflict.version}`}>
          <p>Your text is kept above. Their current text:</p>
          <Markdown text={conflict.body} empty="(empty: they removed the runbook)" />
          <Button
            onClick={() => {
              setBases((b) => ({ ...b, [scope]: { version: conflict.version, body: conflict.body } }));
              setConflict(null);
            }}
          >
            Edit on top of version {conflict.version}
          </Button>
        </Alert>
      ) : null}
      <div className="row">
        <Button
          variant="primary"
          pending={save.isPending}
          disabled={draft === base.body || conflict !== null}
          onClick={() => save.mutate({ scope, body: draft, version: base.version })}
        >
          Save runbook
        </Button>
        <span className="muted small" aria-live="polite">
          {saved !== null
            ? `Saved (version ${saved})`
            : draft !== base.body
              ? "Unsaved changes"
              : base.version
                ? `Version ${base.version}`
                : "Not written yet"}
        </span>
        {save.error && !conflict ? <span className="field-error">{errorMessage(save.error)}</span> : null}
      </div>
      <section aria-label="Preview">
        <h3 className="small muted">Preview</h3>
        <Markdown text={draft} empty="Nothing written yet." />
      </section>
    </div>
  );
}
