"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { apiFetch, errorFields, errorMessage } from "@/lib/query/api";
import { KIND_LABELS, verifyCodeSchema } from "@/lib/validation/notify";
import type { ContactMethodView } from "@/lib/validation/views/notify";

export type MethodItemView = Pick<
  ContactMethodView,
  | "id"
  | "kind"
  | "name"
  | "targetLabel"
  | "verified"
  | "codePending"
  | "codeExpiresAt"
  | "disabledAt"
  | "disabledReason"
>;

/** Server messages on `code` start with the field's name, like the form's own ("wrong code; …" reads fine too). */
const named = (message: string | undefined) =>
  message && /^(is|must)\b/.test(message) ? `Verification code ${message}` : message;

function status(m: MethodItemView) {
  if (m.disabledAt)
    return (
      <Badge tone="danger" title={m.disabledReason ?? undefined}>
        Disabled
      </Badge>
    );
  if (m.verified) return <Badge tone="success">Verified</Badge>;
  return <Badge tone="warning">Not verified</Badge>;
}

/** Whose method it is: the wording differs ("reach you" / "reach the team"), the actions are the same. */
type Audience = "me" | "team";

/** One contact method: its state, the code form while unverified, resend, test and delete. */
export function MethodItem({ method: m, audience = "me" }: { method: MethodItemView; audience?: Audience }) {
  const router = useRouter();
  const codeId = useId();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = (path: string, body?: unknown) =>
    apiFetch(`/api/v1/me/contact-methods/${m.id}${path}`, { method: path ? "POST" : "DELETE", body });
  const done = (text: string) => () => {
    setNotice(text);
    router.refresh();
  };
  const verify = useMutation({
    mutationFn: (code: string) => act("/verify", { code }),
    onSuccess: done(
      audience === "team"
        ? "Verified: escalation policies can now notify this channel."
        : "Verified: pages can now reach you here.",
    ),
  });
  const resend = useMutation({
    mutationFn: () => act("/send-code"),
    onSuccess: done(`A new code is on its way to ${m.targetLabel}.`),
  });
  const test = useMutation({
    mutationFn: () => act("/test"),
    onSuccess: done(`A test notification is on its way to ${m.targetLabel}.`),
  });
  const remove = useMutation({ mutationFn: () => act(""), onSuccess: () => router.refresh() });
  const failure = [resend.error, test.error, remove.error].find(Boolean);

  function onVerify(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = verifyCodeSchema.safeParse({ code: new FormData(e.currentTarget).get("code") });
    if (!parsed.success) return setCodeError(`Verification code ${parsed.error.issues[0]?.message ?? "is required"}`);
    setCodeError(null);
    verify.mutate(parsed.data.code);
  }

  return (
    <li className="method-item">
      <div className="method-head">
        <strong>{m.name}</strong> {status(m)}
        <div className="muted">
          {KIND_LABELS[m.kind].kind} · {m.targetLabel}
        </div>
        {m.disabledAt ? <p className="field-error">Disabled: {m.disabledReason}</p> : null}
      </div>
      {notice ? (
        <p role="status" className="field-hint">
          {notice}
        </p>
      ) : null}
      {failure ? <Alert tone="danger">{errorMessage(failure)}</Alert> : null}
      {!m.verified && !m.disabledAt ? (
        <form className="form form-inline" onSubmit={onVerify} noValidate aria-label={`Verify ${m.name}`}>
          <Field
            label="Verification code"
            name="code"
            id={codeId}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="123456"
            error={codeError ?? named(errorFields(verify.error).code)}
            hint={
              m.codePending && m.codeExpiresAt
                ? `Sent to ${m.targetLabel}; valid until ${new Date(m.codeExpiresAt).toLocaleTimeString()}.`
                : "No code pending: send a new one."
            }
          />
          <Button type="submit" variant="primary" pending={verify.isPending}>
            Verify
          </Button>
          <Button onClick={() => resend.mutate()} pending={resend.isPending}>
            Send a new code
          </Button>
        </form>
      ) : null}
      <div className="form-actions">
        {m.verified && !m.disabledAt ? (
          <Button onClick={() => test.mutate()} pending={test.isPending}>
            Send test notification
          </Button>
        ) : null}
        <ConfirmButton
          label="Delete"
          size="sm"
          title={`Delete "${m.name}"?`}
          confirmLabel="Delete"
          onConfirm={() => remove.mutate()}
          pending={remove.isPending}
        >
          {audience === "team" ? (
            <>
              Nothing more goes to {m.targetLabel}; an escalation policy using it as its fallback loses it, and messages
              still queued for it are cancelled.
            </>
          ) : (
            <>Pages stop going to {m.targetLabel}; its rules go too, and messages still queued for it are cancelled.</>
          )}
        </ConfirmButton>
      </div>
    </li>
  );
}
