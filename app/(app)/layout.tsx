import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { LiveEvents } from "@/components/live/live-events";
import { sessionActor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/auth/permissions";

/** Shell of every signed-in page. A stale cookie for a deleted user also lands on /login. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await sessionActor();
  if (!actor) redirect("/login");
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader user={{ name: actor.name, email: actor.email, role: actor.role }} isAdmin={isAdmin(actor)} />
      <LiveEvents>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </LiveEvents>
    </>
  );
}
