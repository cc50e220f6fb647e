import type { InputHTMLAttributes, LabelHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

type Common = { label: string; name: string; error?: string; hint?: ReactNode; id?: string };

/** ids of the hint/error paragraphs, so the control can point at them with aria-describedby. */
const described = (id: string, error?: string, hint?: ReactNode) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

/** Label + control + hint + inline error. `labelProps` is for a control that is not a native input (an editor
 * named by the label's id, focused by a click on it). */
export function FieldShell({
  id,
  label,
  error,
  hint,
  labelProps,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  labelProps?: Omit<LabelHTMLAttributes<HTMLLabelElement>, "htmlFor">;
  children: ReactNode;
}) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label {...labelProps} htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Label + input + hint + inline error. The input's id defaults to its name (tests find it by label). */
export function Field({
  label,
  name,
  error,
  hint,
  id = name,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        {...input}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  id = name,
  ...area
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        rows={4}
        {...area}
      />
    </FieldShell>
  );
}

export { described as describedBy };
