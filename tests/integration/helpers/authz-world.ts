import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as oncall from "@/app/api/v1/schedules/[id]/oncall/route";
import * as overrides from "@/app/api/v1/schedules/[id]/overrides/route";
import * as covers from "@/app/api/v1/schedules/[id]/cover-requests/route";
import * as notes from "@/app/api/v1/schedules/[id]/handoff-notes/route";
import * as scheduleFeeds from "@/app/api/v1/schedules/[id]/calendar-feeds/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as postmortem from "@/app/api/v1/incidents/[id]/postmortem/route";
import * as timeline from "@/app/api/v1/incidents/[id]/timeline/route";
import * as incidentItems from "@/app/api/v1/incidents/[id]/action-items/route";
import * as deployments from "@/app/api/v1/deployments/route";
import * as exceptions from "@/app/api/v1/services/[slug]/gate-exceptions/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as deactivate from "@/app/api/v1/users/[id]/deactivate/route";
import { inject } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { createUser } from "@/lib/services/users";
import type { ActorName } from "../authz-matrix";

/** The verification code of every fresh.contactMethod(). */
export const MATRIX_CODE = "123456";
import { call, userWithToken } from "./api";
import { getDb } from "@/lib/db";
import { createActionLinks } from "@/lib/services/notify/action-links";
import { sealTarget } from "@/lib/services/notify/contact-secrets";
import { hashVerifyCode } from "@/lib/notify/contact-target";

// The data the authorization matrix runs against: one team with a service, SLO, schedules, policy,
// integration, pages, incident…, the actors' credentials, and factories for a fresh target per call
// (so that an allowed DELETE does not take the fixture away from the next actor).

type Handler = Parameters<typeof call>[0];
let seq = 0;

async function must(what: string, res: Promise<{ status: number; body: { id?: string } & Record<string, unknown> }>) {
  const r = await res;
  if (r.status >= 300) throw new Error(`authz world: creating ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function buildWorld() {
  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq += 1)}`;
  const admin = await userWithToken("admin");
  const team = unique("mx-team");
  const otherTeam = unique("mx-other");
  for (const slug of [team, otherTeam])
    await must(
      "a team",
      call(teams.POST, { method: "POST", token: admin.token, body: { slug, name: slug, timezone: "UTC" } }),
    );
  const viewer = await userWithToken("viewer", [team]);
  const editor = await userWithToken("editor", [team]);
  const otherEditor = await userWithToken("editor", [otherTeam]);
  const approver = await userWithToken("approver", [team]);
  const scoped = async (scopes: string[]) =>
    (await createApiToken(SYSTEM_ACTOR, { name: `matrix ${scopes.join(",")}`, scopes, ownerId: editor.id })).token;
  const revoked = await createApiToken(SYSTEM_ACTOR, { name: "matrix revoked", scopes: [], ownerId: admin.id });
  await must(
    "a revocation",
    call(tokenRoute.DELETE, { method: "DELETE", token: admin.token, params: { id: revoked.id } }),
  );
  const leaver = await userWithToken("editor", [team]);
  await must(
    "a deactivation",
    call(deactivate.POST, { method: "POST", token: admin.token, params: { id: leaver.id } }),
  );

  const tokens: Record<ActorName, string | undefined> = {
    anonymous: undefined,
    viewer: viewer.token,
    editor: editor.token,
    otherEditor: otherEditor.token,
    approver: approver.token,
    admin: admin.token,
    "token:read": await scoped(["read"]),
    "token:write": await scoped(["write"]),
    "token:gate": await scoped(["gate"]),
    "token:deployments": await scoped(["deployments"]),
    "token:tokens": await scoped(["tokens"]),
    revokedToken: revoked.token,
    deactivatedUser: leaver.token,
  };
  const ids = {
    viewer: viewer.id,
    editor: editor.id,
    otherEditor: otherEditor.id,
    approver: approver.id,
    admin: admin.id,
  };
  const as = (token: string) => ({ method: "POST", token });
  const A = as(admin.token);

  const service = unique("mx-svc");
  await must("the service", call(services.POST, { ...A, body: { slug: service, name: "Matrix service", team } }));
  const sloBody = () => ({
    service,
    name: unique("mx-slo"),
    objective: 0.99,
    window: { kind: "rolling", days: 30 },
    sli: {
      kind: "ratio",
      total: 'http_requests_total{service="mx"}',
      bad: 'http_requests_total{service="mx",code=~"5.."}',
    },
  });
  const newSlo = async () => (await must("an SLO", call(slos.POST, { ...A, body: sloBody() }))).id!;
  // An editor's SLO waits for an approver's sign-off: version 1 is pending.
  const pendingSlo = async () =>
    (await must("a pending SLO", call(slos.POST, { ...as(editor.token), body: sloBody() }))).id!;
  const layer = (participants: string[], unit: "week" | "day") => ({
    name: "L",
    priority: 1,
    rotation: { unit, every: 1 },
    handoffTime: "00:00",
    startAt: "2026-01-05T00:00:00Z",
    participants,
  });
  const newSchedule = async (participants: string[] = [viewer.id], unit: "week" | "day" = "week") =>
    (
      await must(
        "a schedule",
        call(schedules.POST, {
          ...A,
          body: { team, name: unique("Schedule"), timezone: "UTC", layers: [layer(participants, unit)] },
        }),
      )
    ).id!;
  const schedule = await newSchedule();
  const soon = () => ({
    startAt: new Date(Date.now() + 3_600_000).toISOString(),
    endAt: new Date(Date.now() + 7_200_000).toISOString(),
  });

  // A handoff note written by whoever of viewer/approver is on call now; the other one is incoming.
  const handoffSchedule = await newSchedule([viewer.id, approver.id], "day");
  const now = (await call(oncall.GET, { token: admin.token, params: { id: handoffSchedule } })).body.users[0]
    .id as string;
  const [outgoing, incoming]: [typeof viewer, ActorName] =
    now === viewer.id ? [viewer, "approver"] : [approver, "viewer"];
  const note = await must(
    "a handoff note",
    call(notes.POST, { ...as(outgoing.token), params: { id: handoffSchedule }, body: { body: "quiet week" } }),
  );

  const policyBody = () => ({
    team,
    name: unique("Policy"),
    steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: editor.id }] }],
  });
  const policy = (
    await must("the policy", call(policies.POST, { ...A, body: { ...policyBody(), services: [service] } }))
  ).id!;
  const newIntegration = async () =>
    must("an integration", call(integrations.POST, { ...A, body: { name: unique("am"), defaultService: service } }));
  const am = await newIntegration();
  const newPage = async () => {
    const groupKey = unique("matrix-group");
    const body = {
      version: "4",
      status: "firing",
      receiver: "srecp",
      groupKey,
      truncatedAlerts: 0,
      externalURL: "http://am.local",
      groupLabels: { alertname: groupKey },
      commonLabels: { alertname: groupKey },
      commonAnnotations: {},
      alerts: [
        {
          status: "firing",
          labels: { alertname: groupKey },
          annotations: {},
          startsAt: new Date().toISOString(),
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "",
          fingerprint: groupKey,
        },
      ],
    };
    return (await must("a page", call(webhook.POST as Handler, { method: "POST", token: am.token as string, body })))
      .pageId as string;
  };
  const newIncident = async () =>
    (
      await must(
        "an incident",
        call(incidents.POST, {
          ...A,
          body: { title: unique("Matrix incident"), severity: "SEV-3", services: [service] },
        }),
      )
    ).id!;
  const postmortemOf = async (incidentId: string) =>
    (await must("a postmortem", call(postmortem.GET, { token: admin.token, params: { id: incidentId } }))).id!;
  const incident = await newIncident();
  const newItem = async () =>
    (
      await must(
        "an action item",
        call(incidentItems.POST, {
          ...A,
          params: { id: incident },
          body: { title: unique("Item"), priority: "P2", type: "prevent" },
        }),
      )
    ).id!;
  const newDeployment = async () =>
    (
      await must(
        "a deployment",
        call(deployments.POST, { ...as(editor.token), body: { service, version: unique("v"), status: "started" } }),
      )
    ).id!;
  const feed = await must(
    "a calendar feed",
    call(scheduleFeeds.POST, { ...as(viewer.token), params: { id: schedule } }),
  );

  const fresh = {
    team: async () => {
      const slug = unique("mx-t");
      await must("a team", call(teams.POST, { ...A, body: { slug, name: slug } }));
      return slug;
    },
    service: async () => {
      const slug = unique("mx-s");
      await must("a service", call(services.POST, { ...A, body: { slug, name: slug, team } }));
      return slug;
    },
    editorToken: async () =>
      (await createApiToken(SYSTEM_ACTOR, { name: unique("victim"), scopes: ["read"], ownerId: editor.id })).id,
    datasource: async () =>
      (
        await must(
          "a data source",
          call(datasources.POST, { ...A, body: { name: unique("ds"), url: inject("PROMETHEUS_URL") } }),
        )
      ).id!,
    user: async () =>
      (
        await createUser(SYSTEM_ACTOR, {
          email: `${unique("target")}@example.com`,
          name: "Target",
          role: "viewer",
          teams: [],
          password: undefined,
        })
      ).id,
    slo: newSlo,
    gateException: async () =>
      (
        await must(
          "a gate exception",
          call(exceptions.POST, {
            ...A,
            params: { slug: service },
            body: { reason: "matrix release", durationMinutes: 30 },
          }),
        )
      ).id!,
    deployment: newDeployment,
    schedule: () => newSchedule(),
    override: async () =>
      (
        await must(
          "an override",
          call(overrides.POST, { ...A, params: { id: schedule }, body: { kind: "add", userId: editor.id, ...soon() } }),
        )
      ).id!,
    coverRequest: async () =>
      (
        await must(
          "a cover request",
          call(covers.POST, { ...as(viewer.token), params: { id: schedule }, body: soon() }),
        )
      ).id!,
    viewerScheduleFeed: async () =>
      (await must("a calendar feed", call(scheduleFeeds.POST, { ...as(viewer.token), params: { id: schedule } }))).id!,
    policy: async () => (await must("a policy", call(policies.POST, { ...A, body: policyBody() }))).id!,
    integration: async () => (await newIntegration()).id!,
    page: newPage,
    /** A one-time acknowledge link of a fresh page, for its paged recipient (the editor); the token. */
    pageActionToken: async () => {
      const pageId = await newPage();
      const links = await (
        await getDb()
      ).$transaction((tx) => createActionLinks(tx, pageId, editor.id, ["acknowledge"], Date.now()));
      return links[0]!.url.split("/").pop()!;
    },
    /** An e-mail method of the editor with the pending code MATRIX_CODE (verified if asked); its id. */
    contactMethod: async (verified = false) =>
      (
        await (
          await getDb()
        ).contactMethod.create({
          data: {
            userId: editor.id,
            kind: "email",
            name: unique("mx-cm"),
            targetSealed: sealTarget("mx@example.com"),
            targetLabel: "mx@example.com",
            verifiedAt: verified ? new Date() : null,
            verifyCodeHash: hashVerifyCode(MATRIX_CODE),
            verifyExpiresAt: new Date(Date.now() + 600_000),
          },
        })
      ).id,
    incident: newIncident,
    timelineEntry: async () =>
      (
        await must(
          "a timeline entry",
          call(timeline.POST, { ...A, params: { id: incident }, body: { text: unique("entry") } }),
        )
      ).id!,
    postmortem: async () => postmortemOf(await newIncident()),
    pendingSlo,
    /** The postmortem of an incident with an impact window (impact start → mitigation), so its impact can be computed. */
    postmortemWithImpact: async () => {
      const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
      const body = {
        title: unique("Past incident"),
        severity: "SEV-3",
        services: [service],
        impactStartAt: at(3),
        detectedAt: at(3),
        mitigatedAt: at(2),
      };
      return postmortemOf((await must("an incident", call(incidents.POST, { ...A, body }))).id!);
    },
    actionItem: newItem,
  };

  return {
    unique,
    tokens,
    ids,
    prometheusUrl: inject("PROMETHEUS_URL"),
    team,
    otherTeam,
    service,
    schedule,
    policy,
    incident,
    fresh,
    slo: await newSlo(),
    handoff: { scheduleId: handoffSchedule, noteId: note.id!, incoming },
    integration: am.id!,
    page: await newPage(),
    postmortem: await postmortemOf(incident),
    actionItem: await newItem(),
    deployment: await newDeployment(),
    feedToken: String(feed.url).split("/").pop()!,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
