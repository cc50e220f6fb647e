// The first-five-minutes checklist of the operations guide (docs: shared seed "The first five minutes"),
// filled with what the control plane knows about the alert's service: symptom → one or all services →
// what changed → resources → logs. Pure: the runbook page passes the facts in.

export type ChecklistLink = { label: string; href: string };
export type ChecklistStep = {
  key: "symptom" | "scope" | "changes" | "resources" | "logs";
  title: string;
  hint: string;
  links: ChecklistLink[];
  commands: string[];
};

export type ChecklistFacts = {
  service: string;
  sloId: string;
  dashboardUrl: string | null;
  repoUrl: string | null;
  /** Deployments of the service in the look-back, newest first. */
  deploys: { version: string; atIso: string; environment: string }[];
  /** How many other SLOs of the organisation burn faster than budget (1×) now, from the read model. */
  otherBurning: number | null;
};

const q = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "");

export function firstFiveMinutes(f: ChecklistFacts): ChecklistStep[] {
  const app = q(f.service);
  const dash = f.dashboardUrl ? [{ label: "Service dashboard", href: f.dashboardUrl }] : [];
  const newest = f.deploys[0];
  return [
    {
      key: "symptom",
      title: "1. What is the symptom?",
      hint: "Read the burn rates below: which windows are over their threshold, since when, and how much budget is left.",
      links: [{ label: "SLO page (burndown)", href: `/slos/${encodeURIComponent(f.sloId)}` }, ...dash],
      commands: [],
    },
    {
      key: "scope",
      title: "2. Is it one service or everything?",
      hint:
        f.otherBurning === null
          ? "Compare with the other SLOs: several burning at once points at shared infrastructure."
          : f.otherBurning === 0
            ? "No other SLO burns faster than its budget right now: likely this service alone."
            : `${f.otherBurning} other SLO(s) burn faster than their budget right now: check shared dependencies first.`,
      links: [{ label: "All SLOs by burn rate", href: "/slos?sort=burn" }],
      commands: [
        "kubectl get pods -A | grep -v Running",
        "kubectl top nodes",
        "kubectl top pods --sort-by=cpu -A | head -20",
      ],
    },
    {
      key: "changes",
      title: "3. What changed recently?",
      hint: newest
        ? `Last deployment: ${newest.version} to ${newest.environment} at ${newest.atIso}. A burn that started after it is the first suspect: roll back, investigate offline.`
        : "No deployment recorded in the last 7 days: look at config, traffic and dependencies.",
      links: [
        { label: "Deployments of the service", href: `/services/${encodeURIComponent(f.service)}` },
        ...(f.repoUrl ? [{ label: "Repository", href: f.repoUrl }] : []),
      ],
      commands: [`kubectl rollout history deployment/${app} -n production`, `git log --oneline --since="2 hours ago"`],
    },
    {
      key: "resources",
      title: "4. Check resource pressure",
      hint: "CPU, memory, disk and connection counts of the service and its nodes.",
      links: dash,
      commands: ['kubectl describe nodes | grep -A5 "Conditions:"', "df -h", "free -m", "ss -tlnp"],
    },
    {
      key: "logs",
      title: "5. Read the logs for the affected service",
      hint: "The last minutes of the service's logs, errors first.",
      links: [],
      commands: [`kubectl logs -l app=${app} -n production --tail=100 --since=5m`],
    },
  ];
}
