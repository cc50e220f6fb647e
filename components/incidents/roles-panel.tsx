"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import { errorFields, errorMessage } from "@/lib/query/api";
import { INCIDENT_ROLES } from "@/lib/validation/incidents";
import { usePeople, type IncidentView } from "./api";
import { label } from "./badges";
import { useIncidentMutation } from "./use-incident-mutation";

/** Incident roles: one commander (a new one relieves the previous), any number of others. */
export function RolesPanel({ incident, canEdit }: { incident: IncidentView; canEdit: boolean }) {
  const people = usePeople(incident.id, canEdit);
  const [role, setRole] = useState<string>("commander");
  const [user, setUser] = useState("");
  const assign = useIncidentMutationFor(incident.id, "POST");
  const remove = useIncidentMutationFor(incident.id, "DELETE");
  const fields = errorFields(assign.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!user) return;
    assign.mutate({ role, user }, { onSuccess: () => setUser("") });
  }

  return (
    <div className="stack">
      {incident.roles.length === 0 ? (
        <p className="muted">Nobody holds a role yet.</p>
      ) : (
        <ul className="inc-list">
          {incident.roles.map((r) => (
            <li key={`${r.role}-${r.user.id}`} className="row">
              <strong>{label(r.role)}</strong> <span>{r.user.name}</span>{" "}
              <span className="muted small">{r.user.email}</span>
              {canEdit ? (
                <Button
                  size="sm"
                  variant="ghost"
                  pending={
                    remove.isPending && remove.variables?.user === r.user.id && remove.variables?.role === r.role
                  }
                  onClick={() => remove.mutate({ role: r.role, user: r.user.id })}
                  aria-label={`Remove ${r.user.name} as ${label(r.role)}`}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {remove.error ? (
        <Alert tone="danger">
          <p>{errorMessage(remove.error)}</p>
        </Alert>
      ) : null}
      {canEdit ? (
        <form className="row role-form" onSubmit={onSubmit}>
          <SelectField
            label="Role"
            name="role"
            id="role-role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            options={INCIDENT_ROLES.map((r) => ({ value: r, label: label(r) }))}
            error={fields.role}
          />
          <SelectField
            label="Person"
            name="user"
            id="role-user"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            placeholder={people.isPending ? "Loading…" : "Choose a person"}
            options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
            error={fields.user}
          />
          <Button type="submit" pending={assign.isPending} disabled={!user}>
            Assign
          </Button>
          {assign.error && !fields.role && !fields.user ? (
            <span className="field-error">{errorMessage(assign.error)}</span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function useIncidentMutationFor(incidentId: string, method: "POST" | "DELETE") {
  return useIncidentMutation<{ role: string; user: string }>(incidentId, ({ role, user }) =>
    method === "POST"
      ? { path: `/api/v1/incidents/${incidentId}/roles`, method, body: { role, user } }
      : {
          path: `/api/v1/incidents/${incidentId}/roles?role=${encodeURIComponent(role)}&user=${encodeURIComponent(user)}`,
          method,
        },
  );
}
