import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { GettingStarted } from "@/components/home/getting-started";
import { HomeView } from "@/components/home/home-view";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { homeFor } from "@/lib/services/home";
import { load } from "../_lib/load";
import { pageActor } from "../_lib/page-actor";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await pageActor();
  const res = await load(() => homeFor(actor));
  if (!res.ok) return <Forbidden title="Home" message={res.forbidden} />;
  const home = res.data;
  const teams =
    home.scope === "all" ? "every team" : home.teams.length ? home.teams.map((t) => t.name).join(", ") : null;
  return (
    <>
      <PageHeader
        title="Home"
        description={
          teams
            ? `What needs attention in ${teams}.`
            : "You are not in any team yet: ask an administrator to add you to one to see its SLOs, on-call and incidents here."
        }
        actions={
          <>
            <LinkButton href="/scorecard">Readiness scorecard</LinkButton>
            <LinkButton href="/reports">Reports</LinkButton>
          </>
        }
      />
      {home.gettingStarted ? <GettingStarted steps={home.gettingStarted} /> : <HomeView home={home} />}
    </>
  );
}
