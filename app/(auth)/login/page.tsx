import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { sessionActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { hasAnyUser } from "@/lib/services/users";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Only same-site paths are followed after sign-in (no open redirect through ?callbackUrl=). */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return "/home";
  try {
    // Absolute URLs keep only their path, so the host can never be somewhere else.
    const url = new URL(value, "http://local");
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/login") ? path : "/home";
  } catch {
    return "/home";
  }
}

export default async function LoginPage({ searchParams }: Props) {
  await connection();
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await sessionActor()) redirect(callbackUrl);
  const authError = typeof params.error === "string" ? params.error : undefined;
  return (
    <div className="card">
      <div className="card-body stack">
        <h1>Sign in</h1>
        {params.notice === "setup-done" ? (
          <Alert tone="success" title="Setup complete">
            Your admin account was created. Sign in with it to continue.
          </Alert>
        ) : null}
        {authError && authError !== "CredentialsSignin" ? (
          <Alert tone="danger" title="Sign-in failed">
            {authError === "AccessDenied"
              ? "Your account is not allowed to sign in."
              : "Single sign-on did not complete. Try again or use your password."}
          </Alert>
        ) : null}
        <LoginForm callbackUrl={callbackUrl} ssoEnabled={env().oidc !== null} />
      </div>
    </div>
  );
}
