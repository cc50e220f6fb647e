"use client";
import { useActionState } from "react";
import { membershipAction } from "@/lib/actions/teams";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Admin: add a member by email. */
export function AddMemberForm({ team }: { team: string }) {
  const [state, action, pending] = useActionState(membershipAction, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      {state.message ? <Alert tone={state.status === "ok" ? "success" : "danger"}>{state.message}</Alert> : null}
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="member" value="add" />
      <div className="row" style={{ alignItems: "flex-end" }}>
        <div style={{ flex: "1 1 220px" }}>
          <Field
            label="Member email"
            name="email"
            id="member-email"
            type="email"
            required
            error={state.fields?.email}
            defaultValue={state.status === "error" ? state.values?.email : ""}
          />
        </div>
        <Button type="submit" pending={pending}>
          Add member
        </Button>
      </div>
    </form>
  );
}

/** Admin: remove one member (a tiny form per row). */
export function RemoveMemberButton({ team, email }: { team: string; email: string }) {
  const [state, action, pending] = useActionState(membershipAction, initialFormState);
  return (
    <form action={action} className="row">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="member" value="remove" />
      <input type="hidden" name="email" value={email} />
      <Button type="submit" size="sm" variant="ghost" pending={pending} aria-label={`Remove ${email}`}>
        Remove
      </Button>
      {state.status === "error" ? (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
