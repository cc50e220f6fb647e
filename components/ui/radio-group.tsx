import type { ReactNode } from "react";

type Choice<V extends string> = { value: V; label: ReactNode };

type GroupProps<V extends string> = {
  name: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange: (value: V) => void;
} & ({ "aria-label": string } | { "aria-labelledby": string });

/**
 * Native radio buttons in a row, one label around each input (so a choice is found by its text). The group is
 * named by aria-label, or by aria-labelledby when a visible label stands above it (RadioField).
 */
export function RadioGroup<V extends string>({ name, value, choices, onChange, ...named }: GroupProps<V>) {
  return (
    <div className="checks" role="radiogroup" {...named}>
      {choices.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />{" "}
          {c.label}
        </label>
      ))}
    </div>
  );
}

type FieldProps<V extends string> = Omit<GroupProps<V>, "aria-label" | "aria-labelledby"> & {
  /** id of the visible label, which names the group. */
  id: string;
  label: string;
  /** What depends on the choice, shown under the buttons inside the same field. */
  children?: ReactNode;
};

/** A labelled radio group laid out as a form field. */
export function RadioField<V extends string>({ id, label, children, ...group }: FieldProps<V>) {
  return (
    <div className="field">
      <span className="field-label" id={id}>
        {label}
      </span>
      <RadioGroup {...group} aria-labelledby={id} />
      {children}
    </div>
  );
}
