import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as gate from "@/app/api/v1/services/[slug]/release-gate/route";
import * as exceptions from "@/app/api/v1/services/[slug]/gate-exceptions/route";
import * as exception from "@/app/api/v1/services/[slug]/gate-exceptions/[id]/route";
import * as policy from "@/app/api/v1/services/[slug]/policy/route";
import * as audit from "@/app/api/v1/audit/route";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { call, userWithToken } from "./helpers/api";

// The release gate over the REST API against the real Prometheus scenario: checkout burns half its
// 99.9 % budget (healthy), payments burns ten times its budget (frozen), idle has no traffic.
const end = inject("SCENARIO_END");
const ratio = (service: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"5.."}`,
});

describe("release gate", () => {
  let admin: string, approver: string, editor: string, outsiderApprover: string, ci: string, deploysOnly: string;
  const gateOf = (slug: string, token = ci, query = "") =>
    call(gate.GET, { token, url: `/x${query}`, params: { slug } });

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    for (const t of ["gr-team", "gr-other"])
      expect((await call(teams.POST, { method: "POST", token: admin, body: { slug: t, name: t } })).status).toBe(201);
    approver = (await userWithToken("approver", ["gr-team"])).token;
    editor = (await userWithToken("editor", ["gr-team"])).token;
    outsiderApprover = (await userWithToken("approver", ["gr-other"])).token;
    const bot = await userWithToken("editor", ["gr-team"]);
    ci = (await createApiToken(SYSTEM_ACTOR, { name: "ci", scopes: ["gate", "deployments"], ownerId: bot.id })).token;
    deploysOnly = (await createApiToken(SYSTEM_ACTOR, { name: "deploys", scopes: ["deployments"], ownerId: bot.id }))
      .token;
    for (const s of ["gr-checkout", "gr-payments", "gr-idle", "gr-empty"]) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug: s, name: s, team: "gr-team" } }))
          .status,
      ).toBe(201);
    }
    for (const [svc, metric] of [
      ["gr-checkout", "checkout"],
      ["gr-payments", "payments"],
      ["gr-idle", "idle"],
    ] as const) {
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: {
          service: svc,
          name: `${metric}-availability`,
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          sli: ratio(metric),
          runbookUrl: "https://runbooks.example.com/x",
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it("lets a healthy service release, with each SLO's budget and burn rates", async () => {
    const res = await gateOf("gr-checkout");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      service: "gr-checkout",
      allowed: true,
      state: "healthy",
      reasons: [],
      policy: { scope: "default", atRiskBelow: 0.25, freezeAtOrBelow: 0 },
    });
    expect(res.body.slos).toHaveLength(1);
    const s = res.body.slos[0];
    expect(s).toMatchObject({
      name: "checkout-availability",
      objective: 0.999,
      firing: [],
      pageAlertFiring: false,
      noData: false,
      stale: false,
    });
    expect(s.remaining).toBeCloseTo(0.5, 6); // a constant 0.05 % error ratio spends half of a 0.1 % budget in any window
    expect(res.body.exception).toBeUndefined();
  });

  it("stops a service whose budget is exhausted, saying why; at the scenario's end a page alert fires too", async () => {
    const now = await gateOf("gr-payments");
    expect(now.body).toMatchObject({ allowed: false, state: "frozen" });
    expect(now.body.reasons[0]).toMatch(
      /^payments-availability: -9\d\d?(\.\d)? % of the error budget left \(freeze at 0 %\)$/,
    );
    const atEnd = await gateOf("gr-payments", ci, `?at=${end}`);
    expect(atEnd.body.evaluatedAt).toBe(new Date(end * 1000).toISOString());
    expect(atEnd.body.slos[0].remaining).toBeCloseTo(-9, 6);
    expect(atEnd.body.slos[0].firing).toEqual(["page-slow", "ticket-fast", "ticket-slow"]);
    expect(atEnd.body.slos[0].burnRates["1h"]).toBeCloseTo(10, 6);
    expect(atEnd.body.reasons).toEqual([
      "payments-availability: -900 % of the error budget left (freeze at 0 %)",
      "payments-availability: a page-level burn-rate alert is firing",
    ]);
  });

  it("does not let SLOs without data or services without SLOs block a release, but says so", async () => {
    // "No data" is its own state, never "healthy"; it does not block a release, and says why.
    expect((await gateOf("gr-idle")).body).toMatchObject({
      allowed: true,
      state: "no_data",
      reasons: ["idle-availability: no data in the window"],
    });
    expect((await gateOf("gr-empty")).body).toMatchObject({
      allowed: true,
      state: "no_data",
      reasons: ["no SLO to judge the error budget by", "the service has no SLOs: the gate has nothing to check"],
      slos: [],
    });
  });

  it("applies the service's own policy", async () => {
    const set = await call(policy.PUT, {
      method: "PUT",
      token: approver,
      params: { slug: "gr-checkout" },
      body: { atRiskBelow: 0.6, freezeAtOrBelow: 0.55, agreedBy: "Head of Payments" },
    });
    expect(set.status).toBe(200);
    const res = await gateOf("gr-checkout");
    expect(res.body).toMatchObject({
      allowed: false,
      state: "frozen",
      policy: { scope: "service", freezeAtOrBelow: 0.55 },
    });
    await call(policy.PUT, {
      method: "PUT",
      token: approver,
      params: { slug: "gr-checkout" },
      body: { atRiskBelow: 0.25, freezeAtOrBelow: 0, version: set.body.version },
    });
    expect((await gateOf("gr-checkout")).body.allowed).toBe(true);
  });

  it("answers a gate-only CI token, refuses tokens without gate or read, 404s unknown services and 422s a bad instant", async () => {
    expect((await call(services.GET, { token: ci, url: "/api/v1/services" })).status).toBe(403); // no "read" scope
    const refused = await gateOf("gr-checkout", deploysOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('"gate"');
    expect((await gateOf("gr-nope")).status).toBe(404);
    const bad = await gateOf("gr-checkout", ci, "?at=yesterday");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["at"]);
    expect((await call(gate.GET, { url: "/x", params: { slug: "gr-checkout" } })).status).toBe(401);
  });

  it("lets an approver open a frozen gate for a bounded time, audited, and revoke it", async () => {
    const body = { reason: "hotfix for the payment outage", durationMinutes: 60 };
    expect(
      (await call(exceptions.POST, { method: "POST", token: editor, params: { slug: "gr-payments" }, body })).status,
    ).toBe(403);
    expect(
      (await call(exceptions.POST, { method: "POST", token: outsiderApprover, params: { slug: "gr-payments" }, body }))
        .status,
    ).toBe(403);
    expect(
      (await call(exceptions.POST, { method: "POST", token: ci, params: { slug: "gr-payments" }, body })).status,
    ).toBe(403);
    const granted = await call(exceptions.POST, {
      method: "POST",
      token: approver,
      params: { slug: "gr-payments" },
      body,
    });
    expect(granted.status).toBe(201);
    expect(Date.parse(granted.body.endsAt) - Date.parse(granted.body.startsAt)).toBe(3_600_000);

    const open = await gateOf("gr-payments");
    expect(open.body).toMatchObject({
      allowed: true,
      state: "frozen",
      exception: { id: granted.body.id, reason: "hotfix for the payment outage" },
    });
    expect(open.body.reasons.at(-1)).toMatch(
      /^frozen, but approver\d+-\d+@example\.com granted an exception until .+: hotfix for the payment outage$/,
    );
    // The exception starts now: the gate at the scenario's end (in the past) is still closed.
    expect((await gateOf("gr-payments", ci, `?at=${end}`)).body.allowed).toBe(false);

    const listed = await call(exceptions.GET, { token: ci, url: "/x", params: { slug: "gr-payments" } });
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([granted.body.id]);

    const revoked = await call(exception.DELETE, {
      method: "DELETE",
      token: approver,
      params: { slug: "gr-payments", id: granted.body.id },
    });
    expect(revoked.body).toEqual({ revoked: [granted.body.id] });
    expect((await gateOf("gr-payments")).body).toMatchObject({ allowed: false });
    expect(
      (
        await call(exception.DELETE, {
          method: "DELETE",
          token: approver,
          params: { slug: "gr-payments", id: granted.body.id },
        })
      ).body,
    ).toEqual({ revoked: [] });
    expect(
      (await call(exception.DELETE, { method: "DELETE", token: approver, params: { slug: "gr-payments", id: "nope" } }))
        .status,
    ).toBe(404);
    expect(
      (await call(exceptions.GET, { token: ci, url: "/x?include=active", params: { slug: "gr-payments" } })).body.items,
    ).toEqual([]);
    const all = await call(exceptions.GET, { token: ci, url: "/x?include=all", params: { slug: "gr-payments" } });
    expect(all.body.items[0].revokedAt).not.toBeNull();

    const log = await call(audit.GET, { token: admin, url: `/x?entityType=gateException&entityId=${granted.body.id}` });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "gate.exception.revoke",
      "gate.exception.grant",
    ]);
    expect(log.body.items[1].after).toMatchObject({ service: "gr-payments", reason: "hotfix for the payment outage" });
  });

  it("revokes every active exception at once with DELETE on the collection", async () => {
    for (const minutes of [30, 90]) {
      expect(
        (
          await call(exceptions.POST, {
            method: "POST",
            token: approver,
            params: { slug: "gr-payments" },
            body: { reason: "release train", durationMinutes: minutes },
          })
        ).status,
      ).toBe(201);
    }
    const res = await call(exceptions.DELETE, { method: "DELETE", token: approver, params: { slug: "gr-payments" } });
    expect(res.body.revoked).toHaveLength(2);
    expect((await gateOf("gr-payments")).body.allowed).toBe(false);
  });

  it("rejects exceptions without a reason, without a bound, longer than a week or already over, naming the field", async () => {
    const post = (body: unknown) =>
      call(exceptions.POST, { method: "POST", token: approver, params: { slug: "gr-payments" }, body });
    const fields = async (body: unknown) => {
      const r = await post(body);
      expect(r.status).toBe(422);
      return Object.keys(r.body.error.fields).sort();
    };
    expect(await fields({ durationMinutes: 10 })).toEqual(["reason"]);
    expect(await fields({ reason: "why not" })).toEqual(["endsAt"]);
    expect(await fields({ reason: "why not", durationMinutes: 10, endsAt: "2099-01-01T00:00:00Z" })).toEqual([
      "endsAt",
    ]);
    expect(await fields({ reason: "why not", durationMinutes: 7 * 24 * 60 + 1 })).toEqual(["durationMinutes"]);
    expect(await fields({ reason: "why not", endsAt: "2020-01-01T00:00:00Z" })).toEqual(["endsAt"]);
    expect(
      await fields({
        reason: "why not",
        startsAt: "2020-01-01T00:00:00Z",
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ).toEqual(["endsAt"]);
    expect(await fields({ reason: "why not", endsAt: "tomorrow" })).toEqual(["endsAt"]);
  });
});
