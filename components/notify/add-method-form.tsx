"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CopyButton } from "@/components/tokens/copy-button";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";
import { formValues } from "@/lib/query/form-values";
import { fieldErrors } from "@/lib/validation/common";
import {
  CONTACT_KINDS,
  createContactMethodSchema,
  KIND_LABELS,
  targetProblem,
  type ContactKind,
} from "@/lib/validation/notify";

type Created = { id: string; name: string; kind: ContactKind; targetLabel: string; signingSecret?: string };

const PLACEHOLDER: Record<ContactKind, string> = {
  email: "dana@example.com",
  slack: "https://hooks.slack.com/services/…",
  teams: "https://example.webhook.office.com/webhookb2/…",
  webhook: "https://receiver.example.com/srecp",
};

/**
 * Field messages start with the field's name, as the API's target messages do ("Webhook URL must start
 * with http://…"); the schema's bare "is required" becomes "Name is required".
 */
function named(errors: Record<string, string>, kind: ContactKind): Record<string, string> {
  const labels: Record<string, string> = { kind: "Kind", name: "Name", target: KIND_LABELS[kind].target };
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k, labels[k] && !v.startsWith(labels[k]) ? `${labels[k]} ${v}` : v]),
  );
}

/** Adds a contact method (or, with `teamId`, a team channel); a code is sent to it. A webhook's signing secret is shown once here. */
export function AddMethodForm({ teamId }: { teamId?: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<ContactKind>("email");
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<Created>("/api/v1/me/contact-methods", { method: "POST", body }),
    onSuccess: () => {
      formRef.current?.reset();
      setKind("email");
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = formValues(e.currentTarget);
    const parsed = createContactMethodSchema.safeParse({
      kind: raw.kind,
      name: raw.name,
      target: raw.target,
      ...(teamId ? { teamId } : {}),
    });
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error));
    const problem = targetProblem(parsed.data.kind, parsed.data.target);
    if (problem) return setClientErrors({ target: problem });
    setClientErrors(null);
    mutation.mutate(parsed.data);
  }

  const errors = named(clientErrors ?? errorFields(mutation.error), kind);
  const invalid = Object.keys(errors).join(",");
  // Keyboard and screen-reader users land on the first field to fix (after a client check or a 422).
  useEffect(() => {
    if (invalid) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [invalid, mutation.error, clientErrors]);
  const failed = failureText(mutation.error);
  const made = mutation.data;
  return (
    <div className="stack">
      {made ? (
        <Alert tone="success" title={`"${made.name}" added`}>
          <p>
            We sent a 6-digit code to {made.targetLabel}. Enter it next to the method to verify it
            {made.kind === "email" ? "" : " (the code is in the test message the receiver got)"}.
          </p>
          {made.signingSecret ? (
            <>
              <p>Signing secret for X-SRECP-Signature (see the docs): copy it now, it is shown only once.</p>
              <div className="secret-box">
                <code aria-label="Webhook signing secret">{made.signingSecret}</code>
                <CopyButton text={made.signingSecret} />
              </div>
            </>
          ) : null}
        </Alert>
      ) : null}
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      <form
        ref={formRef}
        className="form"
        onSubmit={onSubmit}
        noValidate
        aria-label={teamId ? "Add a team channel" : "Add a contact method"}
      >
        <SelectField
          label="Kind"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ContactKind)}
          options={CONTACT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].kind }))}
          error={errors.kind}
        />
        <Field
          label="Name"
          name="name"
          id="method-name"
          required
          placeholder={kind === "email" ? (teamId ? "Team mailing list" : "Work e-mail") : "#oncall channel"}
          error={errors.name}
          autoComplete="off"
        />
        <Field
          label={KIND_LABELS[kind].target}
          name="target"
          id="method-target"
          required
          type={kind === "email" ? "email" : "url"}
          placeholder={PLACEHOLDER[kind]}
          error={errors.target}
          autoComplete="off"
          hint={
            kind === "email"
              ? undefined
              : "Only public http(s) addresses, unless the operator allowed private ones (docs/notifications.md)."
          }
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            Add and send code
          </Button>
        </div>
      </form>
    </div>
  );
}
