"use client";
import { startTransition, useActionState } from "react";
import { changeUserRoleAction, setUserActiveAction } from "@/lib/actions/users";
import { initialFormState } from "@/lib/actions/form-state";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { roleSchema } from "@/lib/validation/users";

type Props = { user: { id: string; email: string; role: string; active: boolean }; self: boolean };

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

/** Per-user admin controls on the users table: role and deactivation (both end the user's sessions). */
export function UserAccess({ user, self }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeUserRoleAction, initialFormState);
  const [activeState, activeAction, activePending] = useActionState(setUserActiveAction, initialFormState);
  const message = [roleState, activeState].find((s) => s.message);
  if (self) return <span className="muted">you</span>;
  return (
    <div>
      <div className="row">
        <form action={roleAction} className="row">
          <input type="hidden" name="userId" value={user.id} />
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.email}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role} disabled={!user.active}>
            {roleSchema.options.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" pending={rolePending} disabled={!user.active}>
            Set role
          </Button>
        </form>
        {user.active ? (
          <ConfirmButton
            label="Deactivate"
            size="sm"
            title={`Deactivate ${user.email}?`}
            confirmLabel="Deactivate user"
            pending={activePending}
            onConfirm={() => startTransition(() => activeAction(form({ userId: user.id, active: "false" })))}
          >
            They can no longer sign in, their open sessions end and their API tokens are revoked. You can reactivate
            them later; revoked tokens stay revoked.
          </ConfirmButton>
        ) : (
          <Button
            size="sm"
            pending={activePending}
            onClick={() => startTransition(() => activeAction(form({ userId: user.id, active: "true" })))}
          >
            Reactivate
          </Button>
        )}
      </div>
      {message ? (
        <p role="status" className={message.status === "error" ? "field-error" : "muted"}>
          {message.message}
        </p>
      ) : null}
    </div>
  );
}
