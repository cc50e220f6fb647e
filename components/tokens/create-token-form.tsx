"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { apiFetch, errorFields } from "@/lib/query/api";
import { formValues } from "@/lib/query/form-values";
import { queryKeys } from "@/lib/query/keys";
import { fieldErrors } from "@/lib/validation/common";
import { createTokenSchema } from "@/lib/validation/users";
import { CopyButton } from "./copy-button";

const SCOPES = [
  { value: "read", help: "read everything you can see" },
  { value: "write", help: "change what you may change" },
  { value: "gate", help: "ask the deploy gate" },
  { value: "deployments", help: "record deployments" },
];

type Created = { id: string; name: string; prefix: string; token: string };

/** Creates an API token; the secret is shown exactly once, with a copy button. */
export function CreateTokenForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<Created>("/api/v1/tokens", { method: "POST", body }),
    onSuccess: async () => {
      formRef.current?.reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens.all });
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = formValues(e.currentTarget);
    const scopes = raw.scopes === undefined ? [] : ([] as string[]).concat(raw.scopes);
    const parsed = createTokenSchema.safeParse({ name: raw.name, scopes });
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error));
    setClientErrors(null);
    mutation.mutate(parsed.data);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const failed = failureText(mutation.error);
  return (
    <div className="stack">
      {mutation.data ? (
        <Alert tone="success" title={`Token "${mutation.data.name}" created`}>
          <p>Copy it now: it is shown only once and cannot be recovered.</p>
          <div className="secret-box">
            <code id="new-token" aria-label="New API token">
              {mutation.data.token}
            </code>
            <CopyButton text={mutation.data.token} />
          </div>
        </Alert>
      ) : null}
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
        <Field
          label="Token name"
          name="name"
          id="token-name"
          required
          placeholder="ci-deploy-gate"
          error={errors.name}
          autoComplete="off"
        />
        <fieldset className="fieldset" aria-describedby="scopes-hint">
          <legend>Scopes</legend>
          <div className="checks">
            {SCOPES.map((s) => (
              <label key={s.value} title={s.help}>
                <input type="checkbox" name="scopes" value={s.value} /> {s.value}
              </label>
            ))}
          </div>
          <p id="scopes-hint" className="field-hint">
            No scope selected = the token has all of your permissions.
          </p>
          {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            Create token
          </Button>
        </div>
      </form>
    </div>
  );
}
