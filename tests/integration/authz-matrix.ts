import { getDb } from "@/lib/db";
import { MATRIX_CODE, type World } from "./helpers/authz-world";

/**
 * The authorization matrix (issue 12): every operation of the OpenAPI document → which actors may call it.
 * tests/integration/authz-matrix.test.ts calls each route handler as every actor and compares; an
 * operation missing here fails that test. "Allowed" means the answer is neither 401 nor 403 (nor 5xx):
 * the request passed authentication and authorization (it may still be 404/409/422 for state reasons).
 * "Denied" means 401 or 403 (404 too on rows marked `hidden`, where refusing would reveal existence).
 *
 * Actors are data: adding a kind is one entry in ACTORS plus a way to build it in helpers/authz-world.ts
 * (its `tokens` record is typed by ActorName, so the compiler asks for it); rows list actors by name, so
 * every row that does not name the new actor expects it to be denied.
 */
export const ACTORS = [
  { name: "anonymous", about: "no credentials" },
  { name: "viewer", about: "viewer, member of team mx-team" },
  { name: "editor", about: "editor of mx-team (owns the scoped tokens below)" },
  { name: "otherEditor", about: "editor of mx-other only" },
  { name: "approver", about: "approver of mx-team" },
  { name: "admin", about: "admin" },
  { name: "token:read", about: "the editor's token with scopes [read]" },
  { name: "token:write", about: "the editor's token with scopes [write]" },
  { name: "token:gate", about: "the editor's token with scopes [gate]" },
  { name: "token:deployments", about: "the editor's token with scopes [deployments]" },
  { name: "token:tokens", about: "the editor's token with scopes [tokens]" },
  { name: "revokedToken", about: "an admin's unscoped token, revoked" },
  {
    name: "deactivatedUser",
    about: "an editor of mx-team, deactivated (offboarded) after their unscoped token was made",
  },
] as const;
export type ActorName = (typeof ACTORS)[number]["name"];

export type Request = { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
export type Row = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  allow: readonly ActorName[] | ((w: World) => readonly ActorName[]);
  /** Built once per call, so destructive operations get a fresh target each time. */
  request?: (w: World) => Request | Promise<Request>;
  /** A refusal may be a 404 (the thing is not revealed to who may not see it). */
  hidden?: boolean;
  /** The operation authenticates with a credential of its own (not the actor's), e.g. the feed URL. */
  note?: string;
  /** Why no allowed actor can get a 2xx here (else the test demands one, proving the request is sound). */
  noSuccess?: string;
};

const USERS = ["viewer", "editor", "otherEditor", "approver", "admin"] as const;
const EVERYONE = ACTORS.map((a) => a.name);
/** Any signed-in user or token, whatever its scopes (identity). */
const AUTHENTICATED = EVERYONE.filter((a) => a !== "anonymous" && a !== "revokedToken" && a !== "deactivatedUser");
/** Everyone who may read; `write` implies `read` (lib/auth/permissions.ts holdsScope). */
const READ = [...USERS, "token:read", "token:write"] as const;
const GATE_READ = [...READ, "token:gate"] as const;
const DEPLOY_READ = [...GATE_READ, "token:deployments"] as const;
/** Editors of mx-team (and admins); the editor's write token. */
const TEAM = ["editor", "approver", "admin", "token:write"] as const;
const APPROVERS = ["approver", "admin"] as const;
const ADMIN = ["admin"] as const;
/** Any user acting on their own behalf with write rights (rules then depend on the data, e.g. own shift). */
const ANY_WRITER = [...USERS, "token:write"] as const;
const NONE = [] as const;
/** Team members with write rights (responders: viewers too). */
const MEMBERS = ["viewer", "editor", "approver", "admin", "token:write"] as const;

const soon = () => ({
  startAt: new Date(Date.now() + 3_600_000).toISOString(),
  endAt: new Date(Date.now() + 7_200_000).toISOString(),
});
const week = () => ({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() });
let correctionHours = 0;
/** A whole-hour range in the past no other call used (corrections of one SLO may not overlap). */
const pastHours = () => {
  correctionHours += 2;
  const end = (Math.floor(Date.now() / 3_600_000) - correctionHours) * 3_600_000;
  return { startsAt: new Date(end - 3_600_000).toISOString(), endsAt: new Date(end).toISOString() };
};
/** A pending correction of the matrix SLO written by someone who is none of the actors (so approvers may sign it off). */
const pendingCorrection = async (w: World) => {
  const r = pastHours();
  const row = await (
    await getDb()
  ).sloCorrection.create({
    data: {
      sloId: w.slo,
      startsAt: new Date(r.startsAt),
      endsAt: new Date(r.endsAt),
      category: "maintenance",
      reason: "matrix",
      authorLabel: "matrix-author@example.com",
    },
  });
  return { params: { id: w.slo, correctionId: row.id } };
};
const ratio = {
  kind: "ratio",
  total: 'http_requests_total{service="mx"}',
  bad: 'http_requests_total{service="mx",code=~"5.."}',
};

export const MATRIX: Row[] = [
  // Catalog
  { method: "GET", path: "/api/v1/teams", allow: READ },
  {
    method: "POST",
    path: "/api/v1/teams",
    allow: ADMIN,
    request: (w) => ({ body: { slug: w.unique("mx-t"), name: "New team" } }),
  },
  { method: "GET", path: "/api/v1/teams/{slug}", allow: READ, request: (w) => ({ params: { slug: w.team } }) },
  {
    method: "PATCH",
    path: "/api/v1/teams/{slug}",
    allow: ADMIN,
    request: (w) => ({ params: { slug: w.team }, body: { name: "Matrix team" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/teams/{slug}",
    allow: ADMIN,
    request: async (w) => ({ params: { slug: await w.fresh.team() } }),
  },
  { method: "GET", path: "/api/v1/services", allow: READ },
  {
    method: "POST",
    path: "/api/v1/services",
    allow: TEAM,
    request: (w) => ({ body: { slug: w.unique("mx-s"), name: "New service", team: w.team } }),
  },
  { method: "GET", path: "/api/v1/services/{slug}", allow: READ, request: (w) => ({ params: { slug: w.service } }) },
  {
    method: "PATCH",
    path: "/api/v1/services/{slug}",
    allow: TEAM,
    request: (w) => ({ params: { slug: w.service }, body: { description: "changed" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/services/{slug}",
    allow: TEAM,
    request: async (w) => ({ params: { slug: await w.fresh.service() } }),
  },

  // Access
  { method: "GET", path: "/api/v1/me", allow: AUTHENTICATED },
  { method: "GET", path: "/api/v1/tokens", allow: [...READ, "token:tokens"] },
  {
    method: "POST",
    path: "/api/v1/tokens",
    allow: [...USERS, "token:tokens"],
    request: () => ({ body: { name: "minted", scopes: ["tokens"] } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    allow: ["editor", "admin", "token:tokens"],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.editorToken() } }),
  },
  { method: "GET", path: "/api/v1/datasources", allow: READ },
  {
    method: "POST",
    path: "/api/v1/datasources",
    allow: ADMIN,
    request: (w) => ({ body: { name: w.unique("mx-ds"), url: w.prometheusUrl } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/datasources/{id}",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.datasource() }, body: { name: w.unique("mx-ds") } }),
  },
  {
    method: "POST",
    path: "/api/v1/datasources/{id}/test",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.datasource() }, body: {} }),
  },
  {
    method: "DELETE",
    path: "/api/v1/datasources/{id}",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.datasource() } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/users/{id}",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.user() }, body: { role: "editor" } }),
  },
  {
    method: "POST",
    path: "/api/v1/users/{id}/deactivate",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.user() } }),
  },
  {
    method: "POST",
    path: "/api/v1/users/{id}/reactivate",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.user() } }),
  },
  { method: "GET", path: "/api/v1/audit", allow: ADMIN },
  { method: "GET", path: "/api/v1/admin/jobs", allow: ADMIN },
  { method: "GET", path: "/api/v1/admin/email", allow: ADMIN },
  {
    method: "POST",
    path: "/api/v1/admin/email/test",
    allow: ADMIN,
    noSuccess: "needs SMTP_URL, unset here; tests/integration/contact-methods-delivery.test.ts sends one",
    request: () => ({}),
  },

  // Notifications: contact methods are the caller's own (another's is a 404), team channels are admins'
  { method: "GET", path: "/api/v1/me/contact-methods", allow: READ },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods",
    allow: ANY_WRITER,
    request: (w) => ({ body: { kind: "email", name: w.unique("mx-cm"), target: "mx@example.com" } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/me/contact-methods/{id}",
    allow: ["editor", "token:write"],
    hidden: true,
    request: async (w) => ({
      params: { id: await w.fresh.contactMethod() },
      body: { version: 1, name: w.unique("mx-cm") },
    }),
  },
  {
    method: "DELETE",
    path: "/api/v1/me/contact-methods/{id}",
    allow: ["editor", "token:write"],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.contactMethod() } }),
  },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods/{id}/verify",
    allow: ["editor", "token:write"],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.contactMethod() }, body: { code: MATRIX_CODE } }),
  },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods/{id}/send-code",
    allow: ["editor", "token:write"],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.contactMethod() } }),
  },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods/{id}/test",
    allow: ["editor", "token:write"],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.contactMethod(true) } }),
  },
  { method: "GET", path: "/api/v1/me/notification-rules", allow: READ },
  { method: "PUT", path: "/api/v1/me/notification-rules", allow: ANY_WRITER, request: () => ({ body: { rules: [] } }) },
  { method: "GET", path: "/api/v1/events", allow: READ },
  { method: "GET", path: "/api/v1/openapi.json", allow: EVERYONE, note: "public" },

  // SLOs
  { method: "GET", path: "/api/v1/slos", allow: READ },
  {
    method: "POST",
    path: "/api/v1/slos",
    allow: TEAM,
    request: (w) => ({
      body: {
        service: w.service,
        name: w.unique("mx-slo"),
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: ratio,
      },
    }),
  },
  {
    method: "POST",
    path: "/api/v1/slos/preview",
    allow: READ,
    request: (w) => ({
      body: { service: w.service, name: "preview", objective: 0.99, window: { kind: "rolling", days: 30 }, sli: ratio },
    }),
  },
  {
    method: "POST",
    path: "/api/v1/slos/backtest",
    allow: READ,
    request: (w) => ({
      body: { service: w.service, objective: 0.99, window: { kind: "rolling", days: 30 }, sli: ratio, days: 2 },
    }),
  },
  { method: "GET", path: "/api/v1/slos/{id}", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  {
    method: "PATCH",
    path: "/api/v1/slos/{id}",
    allow: TEAM,
    request: (w) => ({ params: { id: w.slo }, body: { description: "changed" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/slos/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.slo() } }),
  },
  { method: "GET", path: "/api/v1/slos/{id}/status", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  { method: "GET", path: "/api/v1/slos/{id}/burndown", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  {
    method: "GET",
    path: "/api/v1/slos/{id}/runbook",
    allow: READ,
    request: (w) => ({ params: { id: w.slo }, query: { tier: "page-fast" } }),
  },
  {
    method: "PUT",
    path: "/api/v1/slos/{id}/runbook",
    allow: TEAM,
    request: async (w) => ({
      params: { id: await w.fresh.slo() },
      body: { tier: null, body: "# Checkout is burning\n1. Check the dashboard", version: 0 },
    }),
  },
  {
    method: "GET",
    path: "/api/v1/slos/{id}/runbook/versions",
    allow: READ,
    request: (w) => ({ params: { id: w.slo } }),
  },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/backtest",
    allow: READ,
    request: (w) => ({ params: { id: w.slo }, body: { days: 2 } }),
  },
  { method: "GET", path: "/api/v1/slos/{id}/ledger", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  { method: "GET", path: "/api/v1/slos/{id}/corrections", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/corrections",
    allow: TEAM,
    request: (w) => ({
      params: { id: w.slo },
      body: { ...pastHours(), category: "maintenance", reason: "matrix window" },
    }),
  },
  { method: "DELETE", path: "/api/v1/slos/{id}/corrections/{correctionId}", allow: TEAM, request: pendingCorrection },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/corrections/{correctionId}/approve",
    allow: APPROVERS,
    request: async (w) => ({ ...(await pendingCorrection(w)), body: { version: 1 } }),
  },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/corrections/{correctionId}/reject",
    allow: APPROVERS,
    request: async (w) => ({ ...(await pendingCorrection(w)), body: { version: 1, comment: "no" } }),
  },
  { method: "GET", path: "/api/v1/slos/{id}/rules", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  { method: "GET", path: "/api/v1/slos/{id}/versions", allow: READ, request: (w) => ({ params: { id: w.slo } }) },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/versions/{number}/approve",
    allow: APPROVERS,
    request: async (w) => ({ params: { id: await w.fresh.pendingSlo(), number: "1" }, body: {} }),
  },
  {
    method: "POST",
    path: "/api/v1/slos/{id}/versions/{number}/reject",
    allow: APPROVERS,
    request: async (w) => ({ params: { id: await w.fresh.pendingSlo(), number: "1" }, body: { comment: "no" } }),
  },
  { method: "GET", path: "/api/v1/rules", allow: READ },
  { method: "GET", path: "/api/v1/prometheus/metadata", allow: READ, request: () => ({ query: { kind: "metrics" } }) },
  {
    method: "GET",
    path: "/api/v1/services/{slug}/signals",
    allow: READ,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "PUT",
    path: "/api/v1/services/{slug}/signals",
    allow: TEAM,
    request: (w) => ({
      params: { slug: w.service },
      body: { traffic: 'sum(rate(http_requests_total{service="mx"}[5m]))' },
    }),
  },

  // Release
  {
    method: "GET",
    path: "/api/v1/services/{slug}/policy",
    allow: READ,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "PUT",
    path: "/api/v1/services/{slug}/policy",
    allow: APPROVERS,
    request: (w) => ({ params: { slug: w.service }, body: { atRiskBelow: 0.3, agreedBy: "matrix" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/services/{slug}/policy",
    allow: APPROVERS,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "PUT",
    path: "/api/v1/teams/{slug}/policy",
    allow: APPROVERS,
    request: (w) => ({ params: { slug: w.team }, body: { atRiskBelow: 0.3, agreedBy: "matrix" } }),
  },
  {
    method: "GET",
    path: "/api/v1/services/{slug}/release-gate",
    allow: GATE_READ,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "GET",
    path: "/api/v1/services/{slug}/gate-exceptions",
    allow: GATE_READ,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "POST",
    path: "/api/v1/services/{slug}/gate-exceptions",
    allow: APPROVERS,
    request: (w) => ({ params: { slug: w.service }, body: { reason: "matrix release", durationMinutes: 30 } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/services/{slug}/gate-exceptions",
    allow: APPROVERS,
    request: (w) => ({ params: { slug: w.service } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/services/{slug}/gate-exceptions/{id}",
    allow: APPROVERS,
    request: async (w) => ({ params: { slug: w.service, id: await w.fresh.gateException() } }),
  },
  { method: "GET", path: "/api/v1/deployments", allow: DEPLOY_READ },
  {
    method: "POST",
    path: "/api/v1/deployments",
    allow: [...TEAM, "token:deployments"],
    request: (w) => ({ body: { service: w.service, version: w.unique("v") } }),
  },
  {
    method: "GET",
    path: "/api/v1/deployments/{id}",
    allow: DEPLOY_READ,
    request: (w) => ({ params: { id: w.deployment } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/deployments/{id}",
    allow: [...TEAM, "token:deployments"],
    request: async (w) => ({ params: { id: await w.fresh.deployment() }, body: { status: "succeeded" } }),
  },
  { method: "GET", path: "/api/v1/config/state", allow: READ },
  {
    method: "POST",
    path: "/api/v1/config/plan",
    allow: READ,
    request: () => ({ body: { files: [{ path: "slos.yaml", text: "apiVersion: srecp/v1\nkind: SLO\n" }] } }),
  },

  // On-call
  { method: "GET", path: "/api/v1/schedules", allow: READ },
  {
    method: "POST",
    path: "/api/v1/schedules",
    allow: TEAM,
    request: (w) => ({ body: { team: w.team, name: w.unique("Schedule"), timezone: "UTC" } }),
  },
  { method: "GET", path: "/api/v1/schedules/{id}", allow: READ, request: (w) => ({ params: { id: w.schedule } }) },
  {
    method: "PATCH",
    path: "/api/v1/schedules/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.schedule() }, body: { description: "changed", version: 1 } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/schedules/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.schedule() } }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/shifts",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule }, query: week() }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/oncall",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/history",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule }, query: week() }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/overrides",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/overrides",
    allow: TEAM,
    request: (w) => ({ params: { id: w.schedule }, body: { kind: "add", userId: w.ids.viewer, ...soon() } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/schedules/{id}/overrides/{overrideId}",
    allow: TEAM,
    request: async (w) => ({ params: { id: w.schedule, overrideId: await w.fresh.override() } }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/cover-requests",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/cover-requests",
    allow: MEMBERS,
    request: (w) => ({ params: { id: w.schedule }, body: soon() }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/cover-requests/{requestId}/accept",
    allow: TEAM,
    request: async (w) => ({ params: { id: w.schedule, requestId: await w.fresh.coverRequest() } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/cover-requests/{requestId}/cancel",
    allow: ["viewer", ...TEAM],
    request: async (w) => ({ params: { id: w.schedule, requestId: await w.fresh.coverRequest() } }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/handoff-notes",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/handoff-notes",
    allow: ANY_WRITER,
    request: (w) => ({ params: { id: w.schedule }, body: { body: "all quiet" } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/handoff-notes/{noteId}/ack",
    allow: (w) => [w.handoff.incoming],
    request: (w) => ({ params: { id: w.handoff.scheduleId, noteId: w.handoff.noteId } }),
  },
  {
    method: "GET",
    path: "/api/v1/schedules/{id}/calendar-feeds",
    allow: READ,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  {
    method: "POST",
    path: "/api/v1/schedules/{id}/calendar-feeds",
    allow: ANY_WRITER,
    request: (w) => ({ params: { id: w.schedule } }),
  },
  { method: "GET", path: "/api/v1/calendar/feeds", allow: READ },
  { method: "POST", path: "/api/v1/calendar/feeds", allow: ANY_WRITER, request: () => ({ body: {} }) },
  {
    method: "DELETE",
    path: "/api/v1/calendar/feeds/{id}",
    allow: ["viewer", ...TEAM],
    hidden: true,
    request: async (w) => ({ params: { id: await w.fresh.viewerScheduleFeed() } }),
  },
  {
    method: "GET",
    path: "/api/v1/calendar/{token}",
    allow: EVERYONE,
    note: "the secret feed token in the URL is the credential",
    request: (w) => ({ params: { token: w.feedToken } }),
  },
  { method: "GET", path: "/api/v1/escalation-policies", allow: READ },
  {
    method: "POST",
    path: "/api/v1/escalation-policies",
    allow: TEAM,
    request: (w) => ({
      body: {
        team: w.team,
        name: w.unique("Policy"),
        steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: w.ids.editor }] }],
      },
    }),
  },
  {
    method: "GET",
    path: "/api/v1/escalation-policies/{id}",
    allow: READ,
    request: (w) => ({ params: { id: w.policy } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/escalation-policies/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.policy() }, body: { name: w.unique("Renamed"), version: 1 } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/escalation-policies/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.policy() } }),
  },
  {
    method: "GET",
    path: "/api/v1/escalation-policies/{id}/oncall",
    allow: READ,
    request: (w) => ({ params: { id: w.policy } }),
  },

  // Alerting
  { method: "GET", path: "/api/v1/integrations", allow: ADMIN },
  {
    method: "POST",
    path: "/api/v1/integrations",
    allow: ADMIN,
    request: (w) => ({ body: { name: w.unique("am"), defaultService: w.service } }),
  },
  {
    method: "GET",
    path: "/api/v1/integrations/{id}",
    allow: ADMIN,
    request: (w) => ({ params: { id: w.integration } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/integrations/{id}",
    allow: ADMIN,
    request: (w) => ({ params: { id: w.integration }, body: { name: w.unique("am") } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/integrations/{id}",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.integration() } }),
  },
  {
    method: "POST",
    path: "/api/v1/integrations/{id}/token",
    allow: ADMIN,
    request: async (w) => ({ params: { id: await w.fresh.integration() } }),
  },
  {
    method: "POST",
    path: "/api/v1/integrations/alertmanager",
    allow: NONE,
    note: "only the integration's own token; a user's token (any role) is refused",
    request: () => ({ body: { version: "4", status: "firing", groupKey: "matrix", alerts: [] } }),
  },
  { method: "GET", path: "/api/v1/pages", allow: READ },
  { method: "GET", path: "/api/v1/pages/{id}", allow: READ, request: (w) => ({ params: { id: w.page } }) },
  // the page was sent to the editor: they (and their write token), editors of the team and admins respond
  {
    method: "POST",
    path: "/api/v1/pages/{id}/ack",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.page() } }),
  },
  {
    method: "POST",
    path: "/api/v1/pages/{id}/resolve",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.page() } }),
  },
  {
    method: "POST",
    path: "/api/v1/pages/{id}/escalate",
    allow: TEAM,
    noSuccess: "the world's policy has one step, exhausted once it notified: 409 (a 2xx is in notify-delivery.test.ts)",
    request: async (w) => ({ params: { id: await w.fresh.page() } }),
  },
  {
    method: "GET",
    path: "/api/v1/page-actions/{token}",
    allow: EVERYONE,
    note: "the one-time link's secret token is the credential",
    request: async (w) => ({ params: { token: await w.fresh.pageActionToken() } }),
  },
  {
    method: "POST",
    path: "/api/v1/page-actions/{token}",
    allow: EVERYONE,
    note: "the one-time link's secret token is the credential; performed as its recipient",
    request: async (w) => ({ params: { token: await w.fresh.pageActionToken() } }),
  },

  // Incidents
  { method: "GET", path: "/api/v1/incidents", allow: READ },
  {
    method: "POST",
    path: "/api/v1/incidents",
    allow: TEAM,
    request: (w) => ({ body: { title: "Matrix incident", severity: "SEV-3", services: [w.service] } }),
  },
  {
    method: "POST",
    path: "/api/v1/incidents/from-page/{pageId}",
    allow: TEAM,
    request: async (w) => ({ params: { pageId: await w.fresh.page() }, body: {} }),
  },
  { method: "GET", path: "/api/v1/incidents/{id}", allow: READ, request: (w) => ({ params: { id: w.incident } }) },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/budget",
    allow: READ,
    request: (w) => ({ params: { id: w.incident } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/incidents/{id}",
    allow: TEAM,
    request: (w) => ({ params: { id: w.incident }, body: { summary: "changed" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/incidents/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.incident() } }),
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/status",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.incident() }, body: { status: "mitigated" } }),
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/roles",
    allow: TEAM,
    request: (w) => ({ params: { id: w.incident }, body: { role: "scribe", user: w.ids.editor } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/incidents/{id}/roles",
    allow: TEAM,
    request: (w) => ({ params: { id: w.incident }, query: { role: "scribe", user: w.ids.editor } }),
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/people",
    allow: READ,
    request: (w) => ({ params: { id: w.incident } }),
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/timeline",
    allow: READ,
    request: (w) => ({ params: { id: w.incident } }),
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/timeline",
    allow: TEAM,
    request: (w) => ({ params: { id: w.incident }, body: { text: "matrix note" } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/incidents/{id}/timeline/{entryId}",
    allow: TEAM,
    request: async (w) => ({
      params: { id: w.incident, entryId: await w.fresh.timelineEntry() },
      body: { starred: true },
    }),
  },
  {
    method: "DELETE",
    path: "/api/v1/incidents/{id}/timeline/{entryId}",
    allow: TEAM,
    request: async (w) => ({ params: { id: w.incident, entryId: await w.fresh.timelineEntry() } }),
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/action-items",
    allow: READ,
    request: (w) => ({ params: { id: w.incident } }),
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/action-items",
    allow: TEAM,
    request: (w) => ({ params: { id: w.incident }, body: { title: "Matrix item", priority: "P2", type: "prevent" } }),
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/postmortem",
    allow: READ,
    request: (w) => ({ params: { id: w.incident } }),
  },
  {
    method: "PUT",
    path: "/api/v1/incidents/{id}/postmortem",
    allow: TEAM,
    request: async (w) => ({
      params: { id: await w.fresh.incident() },
      body: { sections: { summary: "matrix" }, version: 1 },
    }),
  },
  {
    method: "PATCH",
    path: "/api/v1/incidents/{id}/postmortem",
    allow: TEAM,
    request: async (w) => ({
      params: { id: await w.fresh.incident() },
      body: { sections: { summary: "matrix" }, version: 1 },
    }),
  },
  { method: "GET", path: "/api/v1/postmortems/{id}", allow: READ, request: (w) => ({ params: { id: w.postmortem } }) },
  {
    method: "PUT",
    path: "/api/v1/postmortems/{id}",
    allow: TEAM,
    request: async (w) => ({
      params: { id: await w.fresh.postmortem() },
      body: { sections: { summary: "matrix" }, version: 1 },
    }),
  },
  {
    method: "PATCH",
    path: "/api/v1/postmortems/{id}",
    allow: TEAM,
    request: async (w) => ({
      params: { id: await w.fresh.postmortem() },
      body: { sections: { summary: "matrix" }, version: 1 },
    }),
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/review",
    allow: TEAM,
    noSuccess:
      "submitting needs a resolved incident and a complete postmortem; the workflow itself is tests/integration/incidents-postmortem.test.ts",
    request: async (w) => ({ params: { id: await w.fresh.postmortem() }, body: { action: "submit", revision: 1 } }),
  },
  {
    method: "GET",
    path: "/api/v1/postmortems/{id}/impact",
    allow: READ,
    request: (w) => ({ params: { id: w.postmortem } }),
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/impact",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.postmortemWithImpact() } }),
  },
  { method: "GET", path: "/api/v1/action-items", allow: READ },
  {
    method: "POST",
    path: "/api/v1/action-items",
    allow: TEAM,
    request: (w) => ({ body: { incident: w.incident, title: "Matrix item", priority: "P3", type: "detect" } }),
  },
  { method: "GET", path: "/api/v1/action-items/{id}", allow: READ, request: (w) => ({ params: { id: w.actionItem } }) },
  {
    method: "PATCH",
    path: "/api/v1/action-items/{id}",
    allow: TEAM,
    request: (w) => ({ params: { id: w.actionItem }, body: { description: "changed" } }),
  },
  {
    method: "DELETE",
    path: "/api/v1/action-items/{id}",
    allow: TEAM,
    request: async (w) => ({ params: { id: await w.fresh.actionItem() } }),
  },

  // Reports
  { method: "GET", path: "/api/v1/home", allow: READ },
  { method: "GET", path: "/api/v1/scorecard", allow: READ },
  {
    method: "GET",
    path: "/api/v1/reports/team/{slug}",
    allow: READ,
    request: (w) => ({ params: { slug: w.team }, query: { period: "2026-11" } }),
  },
];
