"use client";
import { useActionState } from "react";
import { createUserAction } from "@/lib/actions/users";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { roleSchema } from "@/lib/validation/users";

const ROLE_HELP =
  "Viewer reads; editor changes their teams' services; approver also signs off SLOs; admin manages everything.";

/** Admin: create a user with a role and team memberships (server action; the form resets on success). */
export function CreateUserForm({ teams }: { teams: { slug: string; name: string }[] }) {
  const [state, action, pending] = useActionState(createUserAction, initialFormState);
  const f = state.fields ?? {};
  const keep = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="form" noValidate>
      {state.message ? <Alert tone={state.status === "ok" ? "success" : "danger"}>{state.message}</Alert> : null}
      <div className="form-grid">
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="off"
          defaultValue={keep?.email}
          error={f.email}
        />
        <Field label="Name" name="name" required autoComplete="off" defaultValue={keep?.name} error={f.name} />
        <SelectField
          label="Role"
          name="role"
          options={roleSchema.options.map((r) => ({ value: r, label: r }))}
          defaultValue={keep?.role ?? "viewer"}
          error={f.role}
          hint={ROLE_HELP}
        />
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Leave empty for single sign-on only."
          error={f.password}
        />
      </div>
      {teams.length ? (
        <fieldset className="fieldset" aria-describedby={f.teams ? "teams-error" : undefined}>
          <legend>Teams</legend>
          <div className="checks">
            {teams.map((t) => (
              <label key={t.slug}>
                <input type="checkbox" name="teams" value={t.slug} /> {t.name}
              </label>
            ))}
          </div>
          {f.teams ? (
            <p id="teams-error" className="field-error">
              {f.teams}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={pending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
