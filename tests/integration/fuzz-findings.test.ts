import { beforeAll, describe, expect, it } from "vitest";
import * as incident from "@/app/api/v1/incidents/[id]/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as approve from "@/app/api/v1/slos/[id]/versions/[number]/approve/route";
import * as burndown from "@/app/api/v1/slos/[id]/burndown/route";
import * as metadata from "@/app/api/v1/prometheus/metadata/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as coverRequests from "@/app/api/v1/schedules/[id]/cover-requests/route";
import * as teams from "@/app/api/v1/teams/route";
import { call, userWithToken } from "./helpers/api";

// The 5xx causes the fuzzer found (issue 12 finding 9 and tests/integration/fuzz-api.test.ts), each
// through the real route handler: every one is now a 422 naming the field.
describe("inputs that used to answer 500", () => {
  let admin: string;
  let scheduleId: string;
  beforeAll(async () => {
    const me = await userWithToken("admin");
    admin = me.token;
    await call(teams.POST, { method: "POST", token: admin, body: { slug: "fzf-team", name: "Fuzz findings" } });
    const s = await call(schedules.POST, {
      method: "POST",
      token: admin,
      body: {
        team: "fzf-team",
        name: "FZF",
        timezone: "UTC",
        layers: [
          {
            name: "L",
            rotation: { unit: "week", every: 1 },
            handoffTime: "09:00",
            startAt: "2026-01-05T09:00:00Z",
            participants: [me.id],
          },
        ],
      },
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    scheduleId = s.body.id;
  });

  it("NUL in a path parameter, a query value and a JSON string", async () => {
    const path = await call(incident.GET, { token: admin, url: "/api/v1/incidents/%00", params: { id: "\u0000" } });
    expect(path.status).toBe(422);
    expect(path.body.error.fields).toHaveProperty("id");
    const query = await call(incidents.GET, { token: admin, url: "/api/v1/incidents?q=a%00b" });
    expect(query.status).toBe(422);
    expect(query.body.error.fields).toHaveProperty("q");
    const body = await call(incidents.POST, {
      method: "POST",
      token: admin,
      body: { title: "x\u0000y", severity: "SEV-2", services: [] },
    });
    expect(body.status).toBe(422);
    expect(body.body.error.fields).toHaveProperty("title");
  });

  it("a non-date startAt on a cover request", async () => {
    const res = await call(coverRequests.POST, {
      method: "POST",
      token: admin,
      params: { id: scheduleId },
      body: { startAt: "tomorrow", endAt: "2030-01-01T00:00:00Z" },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(["startAt"]);
  });

  it("a non-numeric SLO version number", async () => {
    const res = await call(approve.POST, {
      method: "POST",
      token: admin,
      params: { id: "any", number: "abc" },
      body: {},
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty("number");
  });

  it("an out-of-range from", async () => {
    const res = await call(burndown.GET, {
      token: admin,
      params: { id: "any" },
      url: "/api/v1/slos/any/burndown?from=99999999999999",
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty("from");
  });

  it("a series selector Prometheus refuses (bad_data) is the user's input, not an outage", async () => {
    const res = await call(metadata.GET, {
      token: admin,
      url: "/api/v1/prometheus/metadata?kind=labels&metric=.%3AwWxgYKTK",
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.metric).toMatch(/parse error/);
    const label = await call(metadata.GET, {
      token: admin,
      url: "/api/v1/prometheus/metadata?kind=values&label=not-a-label",
    });
    expect(label.status).toBe(422);
    expect(label.body.error.fields).toHaveProperty("label");
  });
});
