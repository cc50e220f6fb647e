"use client";
import { useActionState } from "react";
import { setupAction } from "@/lib/actions/setup";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { EMAIL_FIELD } from "./email-field";

/** First-admin form; works without JavaScript too (plain form post to the server action). */
export function SetupForm() {
  const [state, action, pending] = useActionState(setupAction, initialFormState);
  const f = state.fields ?? {};
  return (
    <form className="form" action={action} noValidate>
      {state.status === "error" && state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={f.name} />
      <Field {...EMAIL_FIELD} defaultValue={state.values?.email} error={f.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        error={f.password}
      />
      <Button type="submit" variant="primary" pending={pending} className="full">
        Create admin account
      </Button>
    </form>
  );
}
