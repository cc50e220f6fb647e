// The home page of an empty install (issue 14): a getting-started checklist instead of empty panels
// that read as "all is well". Pure: counts in, steps out.

export type GettingStartedCounts = { teams: number; services: number; slos: number; prometheus: boolean };
export type GettingStartedStep = {
  key: "team" | "service" | "slo" | "prometheus" | "demo";
  label: string;
  done: boolean;
  href: string | null;
  hint: string;
};

/** The checklist, or null once the organisation has a team, a service and an SLO (the normal home then). */
export function gettingStarted(c: GettingStartedCounts): GettingStartedStep[] | null {
  if (c.teams > 0 && c.services > 0 && c.slos > 0) return null;
  return [
    {
      key: "team",
      label: "Create a team",
      done: c.teams > 0,
      href: "/teams",
      hint: "Teams own services, SLOs, on-call schedules and incidents.",
    },
    {
      key: "service",
      label: "Add a service",
      done: c.services > 0,
      href: "/services",
      hint: "A service belongs to one team and is what SLOs and pages are about.",
    },
    {
      key: "slo",
      label: "Define an SLO",
      done: c.slos > 0,
      href: "/slos",
      hint: "An objective over a Prometheus SLI: its error budget drives alerts and the release gate.",
    },
    {
      key: "prometheus",
      label: "Connect Prometheus",
      done: c.prometheus,
      href: "/admin/data-sources",
      hint: "Set PROMETHEUS_URL, add a data source, or install Debian's prometheus: `npm start` then runs one.",
    },
    {
      key: "demo",
      label: "Or load the demo",
      done: false,
      href: null,
      hint: "Stop the app, run `npx srecp demo` (it prints the demo logins), then `npm start` again.",
    },
  ];
}
