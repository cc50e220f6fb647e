"use client";
import type { ReactNode } from "react";
import { FieldShell, describedBy } from "@/components/ui/field";
import { PromqlEditor } from "./promql-editor";

type Props = {
  id: string;
  label: string;
  error?: string;
  hint: ReactNode;
  value: string;
  onChange: (v: string) => void;
  service?: string;
  placeholder: string;
};

/**
 * Label + PromQL editor + hint + inline error. The editor is no native input: the label names it through
 * aria-labelledby and focuses it on a click.
 */
export function EditorField({ id, label, error, hint, value, onChange, service, placeholder }: Props) {
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      labelProps={{ id: `${id}-lbl`, onClick: () => document.getElementById(id)?.focus() }}
    >
      <PromqlEditor
        id={id}
        labelId={`${id}-lbl`}
        value={value}
        onChange={onChange}
        service={service}
        placeholder={placeholder}
        describedBy={describedBy(id, error, hint)}
        invalid={Boolean(error)}
      />
    </FieldShell>
  );
}
