/**
 * What a server action hands back to its form (through useActionState). `values` echoes the
 * submitted text fields so the form keeps what the user typed after an error.
 */
export type FormState = {
  status: "idle" | "error" | "ok";
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
};

export const initialFormState: FormState = { status: "idle" };

/** Text fields of a FormData, passwords left out so they are never sent back to the browser. */
export function echoValues(data: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value === "string" && !key.toLowerCase().includes("password") && !key.startsWith("$")) out[key] = value;
  }
  return out;
}
