"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { EMAIL_FIELD } from "./email-field";

/** Email + password sign-in without a full page reload; SSO button when an OIDC provider is configured. */
export function LoginForm({ callbackUrl, ssoEnabled }: { callbackUrl: string; ssoEnabled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      redirect: false,
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
    });
    if (res?.ok && !res.error) {
      router.push(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    // Any other error text comes from our authorize() (the lockout's "try again in N s" message).
    setError(
      !res
        ? "Sign-in failed; try again in a moment"
        : !res.error || res.error === "CredentialsSignin"
          ? "Invalid email or password"
          : res.error,
    );
  }

  return (
    <>
      <form className="form" onSubmit={onSubmit} noValidate>
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <Field {...EMAIL_FIELD} autoFocus aria-invalid={error ? true : undefined} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
        />
        <Button type="submit" variant="primary" pending={pending} className="full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoEnabled ? (
        <>
          <div className="divider">or</div>
          <Button className="full" onClick={() => void signIn("oidc", { callbackUrl })}>
            Sign in with SSO
          </Button>
        </>
      ) : null}
    </>
  );
}
