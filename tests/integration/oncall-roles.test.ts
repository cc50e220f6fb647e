import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as overrides from "@/app/api/v1/schedules/[id]/overrides/route";
import * as override from "@/app/api/v1/schedules/[id]/overrides/[overrideId]/route";
import * as covers from "@/app/api/v1/schedules/[id]/cover-requests/route";
import * as coverAccept from "@/app/api/v1/schedules/[id]/cover-requests/[requestId]/accept/route";
import * as coverCancel from "@/app/api/v1/schedules/[id]/cover-requests/[requestId]/cancel/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as page from "@/app/api/v1/pages/[id]/route";
import * as ack from "@/app/api/v1/pages/[id]/ack/route";
import * as resolve from "@/app/api/v1/pages/[id]/resolve/route";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { call, userWithToken } from "./helpers/api";

// Issue 12, finding 5 — the rule of docs/security.md "On-call": viewers are responders (acknowledge and
// resolve pages sent to them, ask for cover of their own shifts) but change nobody's on-call time;
// overrides and accepting cover are for editors of the owning team.
type U = { email: string; token: string; id: string };
const HOUR = 3_600_000;

const firing = (groupKey: string, service: string) => ({
  version: "4",
  status: "firing",
  receiver: "srecp",
  groupKey,
  truncatedAlerts: 0,
  externalURL: "http://am.local",
  groupLabels: { alertname: groupKey },
  commonLabels: { alertname: groupKey, service },
  commonAnnotations: {},
  alerts: [
    {
      status: "firing",
      labels: { alertname: groupKey, service },
      annotations: {},
      startsAt: new Date().toISOString(),
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "",
      fingerprint: `fp-${groupKey}`,
    },
  ],
});

describe("on-call permissions of viewers and editors", () => {
  let admin: U, editor: U, viewer: U, viewer2: U, outsider: U;
  let scheduleId: string;
  let amToken: string;
  const window = () => ({
    startAt: new Date(Date.now() + HOUR).toISOString(),
    endAt: new Date(Date.now() + 2 * HOUR).toISOString(),
  });
  const openPage = async (key: string, service: string) => {
    const res = await call(webhook.POST, { method: "POST", token: amToken, body: firing(key, service) });
    expect(res.status).toBeLessThan(300);
    return res.body.pageId as string;
  };

  beforeAll(async () => {
    admin = await userWithToken("admin");
    for (const slug of ["roles-team", "roles-other"])
      expect((await call(teams.POST, { method: "POST", token: admin.token, body: { slug, name: slug } })).status).toBe(
        201,
      );
    editor = await userWithToken("editor", ["roles-team"]);
    viewer = await userWithToken("viewer", ["roles-team"]);
    viewer2 = await userWithToken("viewer", ["roles-team"]);
    outsider = await userWithToken("editor", ["roles-other"]);
    for (const slug of ["roles-a", "roles-b"])
      expect(
        (
          await call(services.POST, {
            method: "POST",
            token: editor.token,
            body: { slug, name: slug, team: "roles-team" },
          })
        ).status,
      ).toBe(201);
    // The viewer is the only participant, so on call all the time.
    const layer = {
      name: "Only",
      priority: 1,
      rotation: { unit: "week", every: 1 },
      handoffTime: "09:00",
      startAt: "2026-01-05T09:00:00Z",
      participants: [viewer.id],
    };
    const created = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: { team: "roles-team", name: "Viewer on call", timezone: "UTC", layers: [layer] },
    });
    expect(created.status).toBe(201);
    scheduleId = created.body.id;
    const step = (userId: string) => [{ delayMinutes: 5, targets: [{ kind: "user", userId }] }];
    expect(
      (
        await call(policies.POST, {
          method: "POST",
          token: editor.token,
          body: { team: "roles-team", name: "A", services: ["roles-a"], steps: step(viewer.id) },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(policies.POST, {
          method: "POST",
          token: editor.token,
          body: { team: "roles-team", name: "B", services: ["roles-b"], steps: step(editor.id) },
        })
      ).status,
    ).toBe(201);
    const am = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "roles-am",
        routes: [{ matchers: [{ label: "service", op: "=", value: "b" }], service: "roles-b" }],
        defaultService: "roles-a",
      },
    });
    expect(am.status).toBe(201);
    amToken = am.body.token;
  });

  it("a viewer acknowledges and resolves a page sent to them", async () => {
    const id = await openPage("roles-mine", "a");
    expect(
      (await call(page.GET, { token: viewer.token, params: { id } })).body.notified.map((u: { id: string }) => u.id),
    ).toEqual([viewer.id]);
    const acked = await call(ack.POST, { method: "POST", token: viewer.token, params: { id } });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: "acknowledged", acknowledgedBy: { id: viewer.id } });
    expect((await call(resolve.POST, { method: "POST", token: viewer.token, params: { id } })).body).toMatchObject({
      status: "resolved",
      resolvedBy: viewer.email,
    });
  });

  it("a viewer of the team cannot respond to a page sent to someone else; an editor of the team can, an outsider cannot", async () => {
    const id = await openPage("roles-theirs", "b");
    const refused = await call(ack.POST, { method: "POST", token: viewer.token, params: { id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("people paged");
    expect((await call(resolve.POST, { method: "POST", token: viewer.token, params: { id } })).status).toBe(403);
    expect((await call(ack.POST, { method: "POST", token: outsider.token, params: { id } })).status).toBe(403);
    const readOnly = (await createApiToken(SYSTEM_ACTOR, { name: "ro", scopes: ["read"], ownerId: editor.id })).token;
    expect((await call(ack.POST, { method: "POST", token: readOnly, params: { id } })).status).toBe(403);
    expect((await call(ack.POST, { method: "POST", token: editor.token, params: { id } })).status).toBe(200);
  });

  it("a viewer cannot create overrides, not even putting themselves on call; an editor can, and only an editor cancels", async () => {
    const self = await call(overrides.POST, {
      method: "POST",
      token: viewer.token,
      params: { id: scheduleId },
      body: { kind: "replace", userId: viewer2.id, replacesUserId: viewer.id, ...window() },
    });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain("editor or higher");
    expect(
      (
        await call(overrides.POST, {
          method: "POST",
          token: viewer2.token,
          params: { id: scheduleId },
          body: { kind: "add", userId: viewer2.id, ...window() },
        })
      ).status,
    ).toBe(403);
    const made = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: { kind: "add", userId: viewer2.id, ...window() },
    });
    expect(made.status).toBe(201);
    // involved as the added person, the viewer still may not cancel it
    expect(
      (
        await call(override.DELETE, {
          method: "DELETE",
          token: viewer2.token,
          params: { id: scheduleId, overrideId: made.body.id },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(override.DELETE, {
          method: "DELETE",
          token: outsider.token,
          params: { id: scheduleId, overrideId: made.body.id },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(override.DELETE, {
          method: "DELETE",
          token: editor.token,
          params: { id: scheduleId, overrideId: made.body.id },
        })
      ).status,
    ).toBe(200);
  });

  it("a viewer on call asks for cover and withdraws it; accepting is for editors of the team", async () => {
    const asked = await call(covers.POST, {
      method: "POST",
      token: viewer.token,
      params: { id: scheduleId },
      body: { ...window(), message: "dentist" },
    });
    expect(asked.status).toBe(201);
    const requestId = asked.body.id;
    const byViewer = await call(coverAccept.POST, {
      method: "POST",
      token: viewer2.token,
      params: { id: scheduleId, requestId },
    });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.message).toContain("editor or higher");
    expect(
      (await call(coverAccept.POST, { method: "POST", token: outsider.token, params: { id: scheduleId, requestId } }))
        .status,
    ).toBe(403);
    const accepted = await call(coverAccept.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId, requestId },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "covered", acceptedBy: { id: editor.id } });

    const again = await call(covers.POST, {
      method: "POST",
      token: viewer.token,
      params: { id: scheduleId },
      body: window(),
    });
    expect(again.status).toBe(201);
    const readOnly = (await createApiToken(SYSTEM_ACTOR, { name: "ro", scopes: ["read"], ownerId: viewer.id })).token;
    expect(
      (
        await call(coverCancel.POST, {
          method: "POST",
          token: readOnly,
          params: { id: scheduleId, requestId: again.body.id },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(coverCancel.POST, {
          method: "POST",
          token: viewer2.token,
          params: { id: scheduleId, requestId: again.body.id },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(coverCancel.POST, {
          method: "POST",
          token: viewer.token,
          params: { id: scheduleId, requestId: again.body.id },
        })
      ).body.status,
    ).toBe("cancelled");
  });
});
