import type { SelectHTMLAttributes } from "react";
import { FieldShell, describedBy } from "./field";

export type Option = { value: string; label: string };

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: Option[];
  error?: string;
  hint?: string;
  /** Adds a first, empty option with this text (e.g. "All teams" or "Choose a team"). */
  placeholder?: string;
};

/** Label + native select + inline error. */
export function SelectField({ label, name, options, error, hint, placeholder, id = name, ...select }: Props) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
