import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as schedule from "@/app/api/v1/schedules/[id]/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as policy from "@/app/api/v1/escalation-policies/[id]/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as integration from "@/app/api/v1/integrations/[id]/route";
import { getDb } from "@/lib/db";
import { stepTargets } from "@/lib/db/repos/escalation-policies";
import { findLayerRows } from "@/lib/db/repos/schedules";
import { call, userWithToken } from "./helpers/api";

// Issue 15: the JSON columns of on-call rows are parsed on read with the schemas that validate them on
// write. A row written around the app that does not match is a defect: the read fails with an error
// naming the table, the row and the column (a logged 500), never a silently defaulted answer.
describe("on-call JSON columns parsed on read", () => {
  let admin: { token: string; id: string };
  let scheduleId: string;
  let policyId: string;
  let integrationId: string;

  beforeAll(async () => {
    admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "stored-json", name: "Stored JSON" },
        })
      ).status,
    ).toBe(201);
    const layer = {
      name: "Day",
      priority: 1,
      rotation: { unit: "day", every: 1 },
      handoffTime: "09:00",
      startAt: "2026-01-05T09:00:00Z",
      participants: [admin.id],
    };
    const created = await call(schedules.POST, {
      method: "POST",
      token: admin.token,
      body: { team: "stored-json", name: "Stored", timezone: "UTC", layers: [layer] },
    });
    expect(created.status).toBe(201);
    scheduleId = created.body.id;
    const p = await call(policies.POST, {
      method: "POST",
      token: admin.token,
      body: {
        team: "stored-json",
        name: "Stored",
        steps: [{ delayMinutes: 5, targets: [{ kind: "schedule", scheduleId }] }],
      },
    });
    expect(p.status).toBe(201);
    policyId = p.body.id;
    const i = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: {
        name: "stored-json-am",
        routes: [{ matchers: [{ label: "team", op: "=", value: "x" }], service: "none" }],
      },
    });
    // "none" is not a service: the route is refused on write, naming the field.
    expect(i.status).toBe(422);
    expect(i.body.error.fields).toHaveProperty("routes.0.service");
    const ok = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: "stored-json-am", routes: [] },
    });
    expect(ok.status).toBe(201);
    integrationId = ok.body.id;
  });

  // The corrupted rows must not reach later test files that read every schedule (the on-call worker does).
  afterAll(async () => {
    const db = await getDb();
    await db.integration.deleteMany({ where: { id: integrationId } });
    await db.team.deleteMany({ where: { slug: "stored-json" } });
  });

  it("reads what the app wrote as typed values", async () => {
    const db = await getDb();
    // A layer starting in the past has an empty first version up to its creation, then the real one.
    const layer = (await findLayerRows(db, [scheduleId])).find((l) => l.endAt === null);
    expect(layer).toMatchObject({ rotationUnit: "day", clock: "wall", participants: [admin.id], restrictions: null });
    const step = await db.escalationStep.findFirstOrThrow({ where: { policyId } });
    expect(stepTargets(step)).toEqual([{ kind: "schedule", scheduleId }]);
  });

  it("a layer, step or route that does not match its schema fails the read naming the table, row and column", async () => {
    const db = await getDb();
    const layer = await db.scheduleLayer.findFirstOrThrow({ where: { scheduleId } });
    await db.scheduleLayer.update({ where: { id: layer.id }, data: { participants: [42] } });
    await expect(findLayerRows(db, [scheduleId])).rejects.toThrow(
      `ScheduleLayer ${layer.id}: column participants does not match its schema`,
    );
    const res = await call(schedule.GET, { token: admin.token, params: { id: scheduleId } });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("INTERNAL");

    const step = await db.escalationStep.findFirstOrThrow({ where: { policyId } });
    await db.escalationStep.update({
      where: { id: step.id },
      data: { targets: [{ kind: "team", teamId: "stored-json" }] },
    });
    expect(() => stepTargets({ id: step.id, targets: [{ kind: "team", teamId: "stored-json" }] })).toThrow(
      `EscalationStep ${step.id}: column targets does not match its schema`,
    );
    expect((await call(policy.GET, { token: admin.token, params: { id: policyId } })).status).toBe(500);

    await db.integration.update({ where: { id: integrationId }, data: { routes: { service: "not a list" } } });
    expect((await call(integration.GET, { token: admin.token, params: { id: integrationId } })).status).toBe(500);
  });
});
