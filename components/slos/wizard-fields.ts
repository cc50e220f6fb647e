import type { ChangeEvent } from "react";
import type { WizardState } from "./wizard-model";

/** What every step of the SLO wizard receives: the state, its setter, the messages by field and the id maker. */
export type StepProps = {
  s: WizardState;
  update: <K extends keyof WizardState>(k: K, v: WizardState[K]) => void;
  errors: Record<string, string>;
  id: (name: string) => string;
};

type TextKey = { [K in keyof WizardState]: WizardState[K] extends string ? K : never }[keyof WizardState];

/**
 * The props that tie a text input or select to one key of the state. `field` is the name the messages (and
 * so the input's id) go by when the API calls the value otherwise (customObjective → objective).
 */
export const bind = ({ s, update, errors, id }: StepProps, k: TextKey, field: string = k) => ({
  name: k,
  id: id(field),
  value: s[k],
  onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => update(k, e.target.value),
  error: errors[field],
});
