import { z } from "zod";
import { CHECK_KEYS } from "@/lib/readiness/types";
import { instant } from "./common";
import { policyState } from "./release";

/**
 * Response views of home (GET /home) and the readiness scorecard (GET /scorecard). Links (`href`) are app
 * paths; ratios are fractions. The manager report is in views/team-report.ts.
 */

/** An incident as home lists it (open incidents, postmortems due): its number, INC-n key, title and severity. */
const incidentHeadline = { number: z.number().int(), key: z.string(), title: z.string(), severity: z.string() };

const user = z.object({ id: z.string(), name: z.string(), email: z.string() });
const total = z.number().int().describe("how many there are in all; `items` holds at most 50, worst or oldest first");

const checkStatus = z
  .enum(["pass", "fail", "no_data"])
  .describe("no_data: the SLOs the check rests on have no data (unknown, never a pass)");
const checkLink = z.object({ href: z.string(), label: z.string() }).describe("where to fix it (or look at it)");

const gettingStartedStep = z.object({
  key: z.enum(["team", "service", "slo", "prometheus", "demo"]),
  label: z.string(),
  done: z.boolean(),
  href: z.string().nullable(),
  hint: z.string(),
});

const sloAttention = z.object({
  id: z.string(),
  name: z.string(),
  service: z.object({ slug: z.string(), name: z.string() }),
  team: z.string().describe("team slug"),
  state: policyState,
  remaining: z.number().nullable().describe("fraction of the window's budget left"),
  burnRate1h: z.number().nullable(),
  firingAlerts: z.array(z.object({ name: z.string(), severity: z.enum(["page", "ticket"]) })),
  reasons: z.array(z.string()),
  href: z.string(),
});

const oncallNow = z.object({
  schedule: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  team: z.object({ slug: z.string(), name: z.string() }),
  users: z.array(user),
  until: instant().nullable().describe("end of the current run of the same people; null beyond the 31-day look-ahead"),
  next: z.array(user),
  href: z.string(),
});

export const homeView = z.object({
  generatedAt: instant(),
  scope: z.enum(["mine", "all"]),
  teams: z.array(z.object({ slug: z.string(), name: z.string() })),
  slos: z.object({ stale: z.boolean(), error: z.string().nullable(), items: z.array(sloAttention) }),
  oncall: z.array(oncallNow),
  incidents: z.object({
    total,
    items: z.array(
      z.object({
        ...incidentHeadline,
        status: z.string(),
        startedAt: instant(),
        services: z.array(z.string()),
        href: z.string(),
      }),
    ),
  }),
  pages: z.object({
    total,
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        severity: z.string(),
        status: z.string(),
        unacknowledged: z.boolean().describe("triggered and through every step of its policy: nobody took it"),
        service: z.string().nullable(),
        openedAt: instant(),
        href: z.string(),
      }),
    ),
  }),
  postmortems: z.object({
    total,
    items: z.array(
      z.object({
        ...incidentHeadline,
        status: z.enum(["pending", "missing"]),
        dueAt: instant(),
        postmortemStatus: z.string().nullable(),
        budgetPolicy: z.boolean().describe("required by the budget-policy trigger"),
        href: z.string(),
      }),
    ),
  }),
  actionItems: z.object({
    total,
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        priority: z.string(),
        dueDate: z.string().describe("local calendar day, YYYY-MM-DD"),
        dueTimezone: z.string(),
        dueAt: instant().nullable(),
        incident: z.string().nullable(),
        service: z.string().nullable(),
        href: z.string(),
      }),
    ),
  }),
  links: z.object({ actionItems: z.string(), pages: z.string(), incidents: z.string(), scorecard: z.string() }),
  gettingStarted: z
    .array(gettingStartedStep)
    .nullable()
    .describe("non-null while the organisation has no team, service or SLO: shown instead of the panels"),
});
export type HomeView = z.infer<typeof homeView>;

const checkResult = z.object({
  key: z.enum(CHECK_KEYS),
  title: z.string(),
  status: checkStatus,
  reason: z.string(),
  details: z.array(z.string()),
  link: checkLink,
});

const serviceScore = z.object({
  service: z.object({ slug: z.string(), name: z.string(), tier: z.number().int() }),
  team: z.object({ slug: z.string(), name: z.string() }),
  checks: z.array(checkResult),
  passed: z.number().int(),
  total: z.number().int(),
  ready: z.boolean().describe("every check passes"),
});

const checkCounts = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  noData: z.number().int(),
  failing: z.array(z.string()),
  withoutData: z.array(z.string()),
});

const teamScorecard = z.object({
  team: z.object({ slug: z.string(), name: z.string(), timezone: z.string() }),
  services: z.number().int(),
  readyServices: z.number().int(),
  passedChecks: z.number().int(),
  totalChecks: z.number().int(),
  score: z.number().nullable().describe("passedChecks / totalChecks; null for a team without services"),
  byCheck: z
    .record(z.enum(CHECK_KEYS), checkCounts)
    .describe("per check: services that pass, fail or have no data, and which (slugs)"),
  serviceScores: z.array(serviceScore),
});

export const platformCheckView = z.object({
  key: z.literal("restore_drill"),
  title: z.string(),
  status: checkStatus,
  reason: z.string(),
  details: z.array(z.string()),
  link: checkLink,
});

export const scorecardView = z.object({
  generatedAt: instant(),
  scope: z.enum(["team", "mine", "all"]),
  checks: z.array(z.object({ key: z.enum(CHECK_KEYS), title: z.string() })),
  platform: z
    .array(platformCheckView)
    .describe("organisation-wide checks (backups restored), not counted in the services' scores"),
  teams: z.array(teamScorecard),
});
export type ScorecardView = z.infer<typeof scorecardView>;
export type TeamScorecardView = z.infer<typeof teamScorecard>;
