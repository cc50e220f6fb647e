"use client";
import { useActionState } from "react";
import { CopyButton } from "@/components/tokens/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { createServiceTokenAction, type ServiceTokenState } from "./actions";

const SCOPES = [
  { value: "gate", help: "ask the release gate (GET …/release-gate, gate exceptions)", preset: true },
  { value: "deployments", help: "record and list deployments", preset: true },
  { value: "read", help: "read everything the user can see (needed for srecp plan/export)", preset: false },
  { value: "write", help: "change what the user may change (needed for srecp apply)", preset: false },
  { value: "tokens", help: "list, mint (only with scopes it holds) and revoke the user's tokens", preset: false },
];

const initial: ServiceTokenState = { status: "idle" };

/** Admin: create a narrow token for a chosen user; the secret is shown once with a copy button. */
export function ServiceTokenForm({ users }: { users: { id: string; label: string }[] }) {
  const [state, action, pending] = useActionState(createServiceTokenAction, initial);
  const f = state.fields ?? {};
  const keep = state.status === "error" ? state.values : undefined;
  return (
    <div className="stack">
      {state.status === "ok" && state.token ? (
        <Alert tone="success" title={state.message}>
          <p>Copy it now: it is shown only once and cannot be recovered. Scopes: {state.token.scopes.join(", ")}.</p>
          <div className="secret-box">
            <code id="new-service-token" aria-label="New service token">
              {state.token.value}
            </code>
            <CopyButton text={state.token.value} />
          </div>
          <p className="small muted">
            In CI: <code>SRECP_URL=… SRECP_TOKEN=… npx srecp gate --service &lt;slug&gt;</code>
          </p>
        </Alert>
      ) : null}
      {state.status === "error" && state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <form action={action} className="form" noValidate>
        <SelectField
          label="Acts as user"
          name="ownerId"
          id="service-token-owner"
          placeholder="Choose a user"
          options={users.map((u) => ({ value: u.id, label: u.label }))}
          defaultValue={keep?.ownerId ?? ""}
          error={f.ownerId}
          hint="The token has at most this user's permissions, narrowed by the scopes. A dedicated bot user (editor of the team) is best."
        />
        <Field
          label="Token name"
          name="name"
          id="service-token-name"
          required
          placeholder="checkout-pipeline"
          autoComplete="off"
          defaultValue={keep?.name}
          error={f.name}
        />
        <fieldset
          className="fieldset"
          aria-describedby={f.scopes ? "service-token-scopes-error" : "service-token-scopes-hint"}
        >
          <legend>Scopes</legend>
          <div className="scope-checks">
            {SCOPES.map((s) => (
              <label key={s.value} title={s.help}>
                <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.preset} /> {s.value}{" "}
                <span className="muted small">— {s.help}</span>
              </label>
            ))}
          </div>
          <p id="service-token-scopes-hint" className="field-hint">
            Gate + deployments is enough for `srecp gate`, `deploy record` and `verify`.
          </p>
          {f.scopes ? (
            <p id="service-token-scopes-error" className="field-error">
              {f.scopes}
            </p>
          ) : null}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={pending}>
            Create service token
          </Button>
        </div>
      </form>
    </div>
  );
}
