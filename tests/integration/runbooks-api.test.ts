import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import * as rules from "@/app/api/v1/slos/[id]/rules/route";
import * as runbook from "@/app/api/v1/slos/[id]/runbook/route";
import * as versions from "@/app/api/v1/slos/[id]/runbook/versions/route";
import * as scorecard from "@/app/api/v1/scorecard/route";
import * as configState from "@/app/api/v1/config/state/route";
import { publicBaseUrl } from "@/lib/services/notify/action-links";
import { call, userWithToken } from "./helpers/api";

// In-app runbooks (issue 16 item 5) over the REST API: versions per (SLO, tier) with author and time,
// optimistic concurrency (409 / 412 with the current runbook), 422s naming fields, the generated alerts'
// runbook_url pointing at /runbooks/{slo}/{tier}, and "no runbook, no alert" meaning neither kind.
type Alert = { alert?: string; labels?: { tier: string }; annotations?: { runbook_url: string } };

describe("in-app runbooks", () => {
  let admin: string;
  let editor: { token: string; email: string };
  let viewer: string;
  let outsider: string;
  let id: string;
  const T = "rb-team";

  const get = (q = "") => call(runbook.GET, { token: viewer, url: `/api/v1/slos/${id}/runbook${q}`, params: { id } });
  const put = (token: string, body: unknown, headers?: Record<string, string>) =>
    call(runbook.PUT, { method: "PUT", token, url: `/api/v1/slos/${id}/runbook`, params: { id }, body, headers });
  const alertUrls = async () => {
    const res = await call(rules.GET, { token: viewer, url: `/api/v1/slos/${id}/rules`, params: { id } });
    expect(res.status).toBe(200);
    const rulesOf = (parse(res.body as string) as { groups: { rules: Alert[] }[] }).groups[0]!.rules.filter(
      (r) => r.alert,
    );
    return Object.fromEntries(rulesOf.map((r) => [r.labels!.tier, r.annotations!.runbook_url]));
  };
  const runbookCheck = async () => {
    const res = await call(scorecard.GET, { token: viewer, url: `/api/v1/scorecard?team=${T}` });
    expect(res.status).toBe(200);
    const svc = res.body.teams
      .flatMap((t: { serviceScores: unknown[] }) => t.serviceScores)
      .find((s: { service: { slug: string } }) => s.service.slug === "rb-checkout");
    return svc.checks.find((c: { key: string }) => c.key === "runbooks") as { status: string; details: string[] };
  };
  const page = (tier: string) => `${publicBaseUrl()}/runbooks/${id}/${tier}`;

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: T, name: "Runbook team" } })).status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "rb-other", name: "Other" } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "rb-checkout", name: "Checkout", team: T },
        })
      ).status,
    ).toBe(201);
    editor = await userWithToken("editor", [T]);
    viewer = (await userWithToken("viewer", [T])).token;
    outsider = (await userWithToken("editor", ["rb-other"])).token;
    const approver = (await userWithToken("approver", [T])).token;
    const created = await call(slos.POST, {
      method: "POST",
      token: approver,
      body: {
        service: "rb-checkout",
        name: "rb-availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="checkout"}',
          bad: 'http_requests_total{service="checkout",code=~"5.."}',
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
  });

  it("without a URL or an in-app runbook: no alert rules, readiness fails naming both", async () => {
    expect(await alertUrls()).toEqual({});
    expect(await runbookCheck()).toMatchObject({
      status: "fail",
      details: ["rb-availability: no runbook URL and no in-app runbook"],
    });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sloId: id, tier: null, version: 0, body: "", author: null, externalUrl: null });
    expect(res.body.pages["page-fast"]).toBe(page("page-fast"));
    expect(res.headers.get("etag")).toBe('"0"');
  });

  it("refuses bad input with 422s naming the field, and writers outside the team with 403", async () => {
    const noVersion = await put(editor.token, { body: "x" });
    expect(noVersion.status).toBe(422);
    expect(Object.keys(noVersion.body.error.fields)).toEqual(["version"]);
    const bad = await put(editor.token, { tier: "page-medium", body: 42, version: -1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["body", "tier", "version"]);
    expect(bad.body.error.fields.tier).toMatch(/page-fast, page-slow, ticket-fast, ticket-slow/);
    expect((await put(editor.token, { body: "x".repeat(100_001), version: 0 })).body.error.fields.body).toBe(
      "must be at most 100000 characters",
    );
    expect((await get("?tier=nope")).status).toBe(422);
    expect((await put(viewer, { body: "x", version: 0 })).status).toBe(403);
    expect((await put(outsider, { body: "x", version: 0 })).status).toBe(403);
    expect((await get()).body.version).toBe(0);
  });

  it("versions: a save based on the current version wins; of two concurrent saves exactly one, the other gets 409 with the current text", async () => {
    const first = await put(editor.token, {
      tier: null,
      body: "# Checkout burning\n\n1. Check the dashboard",
      version: 0,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ version: 1, tier: null, body: "# Checkout burning\n\n1. Check the dashboard" });
    expect(first.headers.get("etag")).toBe('"1"');

    const [a, b] = await Promise.all([
      put(editor.token, { body: "# Text A", version: 1 }),
      put(admin, { body: "# Text B", version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.body.version).toBe(2);
    expect(lost.body.error).toMatchObject({ code: "CONFLICT", fields: { version: "stale" } });
    expect(lost.body.error.current).toMatchObject({ version: 2, body: won.body.body });
    expect((await get()).body).toMatchObject({ version: 2, body: won.body.body });

    // If-Match carries the version too: a stale one is 412, a current one saves
    const stale = await put(editor.token, { body: "# C" }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    expect((await put(editor.token, { body: "# All tiers", version: 3 })).status).toBe(409);
    const ok = await put(editor.token, { body: "# All tiers" }, { "if-match": '"2"' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(3);

    const history = await call(versions.GET, {
      token: viewer,
      url: `/api/v1/slos/${id}/runbook/versions`,
      params: { id },
    });
    expect(history.status).toBe(200);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(history.body.items[0]).toMatchObject({ tier: null, body: "# All tiers", author: { label: editor.email } });
    expect(history.body.items[2].body).toBe("# Checkout burning\n\n1. Check the dashboard");
    for (const v of history.body.items) expect(Date.parse(v.createdAt)).toBeGreaterThan(Date.now() - 120_000);
  });

  it("an in-app runbook is a runbook: every alert links to its app page and readiness passes", async () => {
    expect(await alertUrls()).toEqual({
      "page-fast": page("page-fast"),
      "page-slow": page("page-slow"),
      "ticket-fast": page("ticket-fast"),
      "ticket-slow": page("ticket-slow"),
    });
    expect(await runbookCheck()).toMatchObject({ status: "pass", details: ["rb-availability: in-app runbook"] });
    // srecp plan sees it too (no "no runbook URL" warning for this SLO)
    const state = await call(configState.GET, { token: viewer, url: "/api/v1/config/state" });
    expect(state.body.slos.find((x: { id: string }) => x.id === id)).toMatchObject({
      runbookUrl: null,
      inAppRunbook: true,
    });
  });

  it("a tier's own runbook versions separately; removing the all-tiers one lets the external URL apply to the other tiers", async () => {
    const fast = await put(editor.token, {
      tier: "page-fast",
      body: "## Fast burn\nRoll back the last deploy.",
      version: 0,
    });
    expect(fast.status).toBe(200);
    expect(fast.body).toMatchObject({ tier: "page-fast", version: 1 });
    expect((await get("?tier=page-fast")).body.body).toBe("## Fast burn\nRoll back the last deploy.");
    expect((await get()).body.version).toBe(3);

    const external = "https://wiki.example.com/checkout";
    const cur = (await call(slo.GET, { token: viewer, url: `/api/v1/slos/${id}`, params: { id } })).body;
    expect(
      (
        await call(slo.PATCH, {
          method: "PATCH",
          token: admin,
          url: `/api/v1/slos/${id}`,
          params: { id },
          body: { runbookUrl: external, revision: cur.revision },
        })
      ).status,
    ).toBe(200);
    expect((await put(editor.token, { body: "", version: 3 })).status).toBe(200);
    expect(await alertUrls()).toEqual({
      "page-fast": page("page-fast"),
      "page-slow": external,
      "ticket-fast": external,
      "ticket-slow": external,
    });
    expect((await runbookCheck()).details).toEqual([`rb-availability: in-app runbook (and ${external})`]);

    expect((await put(editor.token, { tier: "page-fast", body: "  ", version: 1 })).status).toBe(200);
    expect(await alertUrls()).toEqual({
      "page-fast": external,
      "page-slow": external,
      "ticket-fast": external,
      "ticket-slow": external,
    });
    expect((await runbookCheck()).details).toEqual([`rb-availability: ${external}`]);
  });
});
