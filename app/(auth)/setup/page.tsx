import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/services/users";

export const metadata: Metadata = { title: "First-run setup" };

/** First run only: once any user exists this page just forwards to sign-in. */
export default async function SetupPage() {
  await connection();
  if (await hasAnyUser()) redirect("/login");
  return (
    <div className="card">
      <div className="card-body stack">
        <div>
          <h1>Create the first admin</h1>
          <p className="muted">
            No account exists yet. The account you create here can manage teams, users and the audit log. You will sign
            in with it next.
          </p>
        </div>
        <SetupForm />
      </div>
    </div>
  );
}
