"use client";
import { useEffect, useRef, useState } from "react";

type Props = {
  /** id of the editable element (and of the fallback textarea). */
  id: string;
  /** id of the visible <label>; the editor is named by it (aria-labelledby). */
  labelId: string;
  value: string;
  onChange: (value: string) => void;
  /** Service whose Prometheus completes metric and label names. */
  service?: string;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
};

/**
 * A PromQL editor: CodeMirror 6 with codemirror-promql (syntax highlighting, inline syntax errors,
 * completion of functions, metric names, label names and values). CodeMirror is loaded in the browser
 * only (dynamic import), so the page renders a plain textarea first and works without it. Tab is left
 * to move focus (no tab-indent keymap), so the form stays keyboard-navigable; Ctrl-Space completes.
 */
export function PromqlEditor({ id, labelId, value, onChange, service, placeholder, describedBy, invalid }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<import("@codemirror/view").EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    (async () => {
      const [
        { EditorView, keymap, placeholder: ph },
        { EditorState },
        { history, defaultKeymap, historyKeymap },
        { autocompletion, completionKeymap, closeBrackets },
        { syntaxHighlighting, HighlightStyle },
        { tags },
        { PromQLExtension },
        { metadataCompletionClient },
      ] = await Promise.all([
        import("@codemirror/view"),
        import("@codemirror/state"),
        import("@codemirror/commands"),
        import("@codemirror/autocomplete"),
        import("@codemirror/language"),
        import("@lezer/highlight"),
        import("@prometheus-io/codemirror-promql"),
        import("./promql-client"),
      ]);
      if (cancelled || !host.current) return;
      const promql = new PromQLExtension().setComplete({
        remote: metadataCompletionClient(service),
        maxMetricsMetadata: 0,
      });
      const highlight = HighlightStyle.define([
        { tag: tags.keyword, color: "var(--promql-keyword)" },
        { tag: tags.function(tags.variableName), color: "var(--promql-function)" },
        { tag: tags.labelName, color: "var(--promql-label)" },
        { tag: tags.string, color: "var(--promql-string)" },
        { tag: tags.number, color: "var(--promql-number)" },
        { tag: [tags.operator, tags.modifier], color: "var(--promql-operator)" },
        { tag: tags.comment, color: "var(--text-muted)", fontStyle: "italic" },
        { tag: tags.invalid, color: "var(--danger)" },
      ]);
      const v = new EditorView({
        parent: host.current,
        state: EditorState.create({
          doc: value,
          extensions: [
            history(),
            closeBrackets(),
            autocompletion({ activateOnTyping: true }),
            keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
            syntaxHighlighting(highlight),
            promql.asExtension(),
            EditorView.lineWrapping,
            ph(placeholder ?? ""),
            EditorView.contentAttributes.of({
              id,
              "aria-labelledby": labelId,
              ...(describedBy ? { "aria-describedby": describedBy } : {}),
              spellcheck: "false",
              autocapitalize: "off",
              autocorrect: "off",
            }),
            EditorView.updateListener.of((u) => {
              if (u.docChanged) onChangeRef.current(u.state.doc.toString());
            }),
          ],
        }),
      });
      view.current = v;
      setReady(true);
      destroy = () => {
        promql.destroy();
        v.destroy();
      };
    })().catch(() => {
      /* CodeMirror failed to load: the textarea fallback stays in place */
    });
    return () => {
      cancelled = true;
      destroy?.();
      view.current = null;
      setReady(false);
    };
    // The editor is rebuilt only when the service (completion source) changes; value changes flow out.
  }, [service]);

  // Outside changes (e.g. a template applied) are pushed into the editor.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value, ready]);

  return (
    <div className={`promql-editor${invalid ? " promql-invalid" : ""}`} data-ready={ready || undefined}>
      {ready ? null : (
        <textarea
          id={id}
          aria-labelledby={labelId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          rows={2}
          spellCheck={false}
          className="promql-fallback"
        />
      )}
      <div ref={host} hidden={!ready} />
    </div>
  );
}
