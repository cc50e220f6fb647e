import pg from "pg";
import { describe, expect, it } from "vitest";
import * as events from "@/app/api/v1/events/route";
import { publishEvent } from "@/lib/events/bus";
import { getDb } from "@/lib/db";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as ack from "@/app/api/v1/pages/[id]/ack/route";
import { call, userWithToken } from "./helpers/api";

// Live updates without polling (issues 17 item 4, 13 item 7): one SSE stream per tab, fed by Postgres
// NOTIFY, so a change made by any process reaches every process's viewers.
process.env.SRECP_SSE_MAX_SECONDS = "20";

/** Opens the stream as `token` and collects frames until `until` says stop (or 10 s pass). */
async function openStream(token: string) {
  const abort = new AbortController();
  const req = new Request("http://test.local/api/v1/events", {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  const res = await events.GET(req, { params: Promise.resolve({}) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  const next = async (until: (f: typeof frames) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!until(frames) && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 500))]);
      if (!chunk || chunk.done) continue;
      buf += decoder.decode(chunk.value);
      for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
      }
    }
    return frames;
  };
  return { res, next, close: () => abort.abort() };
}

describe("live events", () => {
  it("streams SLO status changes and pages, marking the pages addressed to the viewer", async () => {
    const dana = await userWithToken("viewer");
    const other = await userWithToken("viewer");
    const s = await openStream(dana.token);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await s.next((f) => f.some((x) => x.event === "ready"));
    // give the LISTEN connection a moment on its first use
    await new Promise((r) => setTimeout(r, 500));
    await publishEvent({ topic: "slo-status", sloIds: ["slo-a", "slo-b"] });
    const db = await getDb();
    await db.$transaction(async (tx) => {
      await publishEvent(
        {
          topic: "page",
          pageId: "p1",
          userIds: [dana.id],
          title: "Checkout burning",
          severity: "page",
          status: "triggered",
          service: "checkout",
        },
        tx,
      );
    });
    await publishEvent({
      topic: "page",
      pageId: "p2",
      userIds: [other.id],
      title: "Other",
      severity: "ticket",
      status: "triggered",
      service: null,
    });
    const frames = await s.next((f) => f.filter((x) => x.event === "page").length >= 2);
    s.close();
    expect(frames.find((f) => f.event === "slo-status")!.data).toEqual({ sloIds: ["slo-a", "slo-b"] });
    const pages = frames.filter((f) => f.event === "page").map((f) => f.data);
    expect(pages).toEqual([
      {
        topic: "page",
        pageId: "p1",
        title: "Checkout burning",
        severity: "page",
        status: "triggered",
        service: "checkout",
        forYou: true,
      },
      {
        topic: "page",
        pageId: "p2",
        title: "Other",
        severity: "ticket",
        status: "triggered",
        service: null,
        forYou: false,
      },
    ]);
    // never the list of addressees
    expect(JSON.stringify(frames)).not.toContain(other.id);
  });

  it("an event published by another process (a NOTIFY on another connection) reaches this process's streams; a rolled-back one does not", async () => {
    const viewer = await userWithToken("viewer");
    const s = await openStream(viewer.token);
    await s.next((f) => f.some((x) => x.event === "ready"));
    await new Promise((r) => setTimeout(r, 300));
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_notify('srecp_events', $1)", [
        JSON.stringify({ topic: "slo-status", sloIds: ["rolled-back"] }),
      ]);
      await c.query("ROLLBACK");
      await c.query("SELECT pg_notify('srecp_events', $1)", [
        JSON.stringify({ topic: "slo-status", sloIds: ["from-elsewhere"] }),
      ]);
      await c.query("SELECT pg_notify('srecp_events', 'not json')");
    } finally {
      await c.end();
    }
    const frames = await s.next((f) => f.some((x) => x.event === "slo-status"));
    s.close();
    expect(frames.filter((f) => f.event === "slo-status").map((f) => f.data.sloIds)).toEqual([["from-elsewhere"]]);
  });

  it("an Alertmanager alert that pages dana reaches her stream as a page for her; her acknowledgement reaches a colleague's", async () => {
    const admin = await userWithToken("admin");
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "live-team", name: "Live" } }))
        .status,
    ).toBe(201);
    const dana = await userWithToken("editor", ["live-team"]);
    const colleague = await userWithToken("viewer", ["live-team"]);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "live-api", name: "Live API", team: "live-team" },
        })
      ).status,
    ).toBe(201);
    const policy = await call(policies.POST, {
      method: "POST",
      token: admin.token,
      body: {
        team: "live-team",
        name: "Live",
        repeat: 0,
        services: ["live-api"],
        steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: dana.id }] }],
      },
    });
    expect(policy.status).toBe(201);
    const integration = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: "live-am", routes: [], defaultService: "live-api" },
    });
    const mine = await openStream(dana.token);
    const theirs = await openStream(colleague.token);
    await Promise.all([mine.next((f) => f.length > 0), theirs.next((f) => f.length > 0)]);
    await new Promise((r) => setTimeout(r, 300));
    const alert = {
      version: "4",
      status: "firing",
      receiver: "srecp",
      groupKey: "live-1",
      truncatedAlerts: 0,
      externalURL: "http://am.local",
      groupLabels: { alertname: "HighErrorRate" },
      commonLabels: { alertname: "HighErrorRate", severity: "page" },
      commonAnnotations: {},
      alerts: [
        {
          status: "firing",
          labels: { alertname: "HighErrorRate", severity: "page" },
          annotations: {},
          startsAt: new Date().toISOString(),
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "",
          fingerprint: "fp-live-1",
        },
      ],
    };
    const opened = await call(webhook.POST, { method: "POST", token: integration.body.token, body: alert });
    expect(opened.status).toBe(201);
    const pageId = opened.body.pageId as string;
    const forDana = (await mine.next((f) => f.some((x) => x.event === "page"))).find((x) => x.event === "page")!.data;
    expect(forDana).toMatchObject({ pageId, status: "triggered", severity: "page", service: "live-api", forYou: true });
    expect((await call(ack.POST, { method: "POST", token: dana.token, params: { id: pageId } })).status).toBe(200);
    const seen = (await theirs.next((f) => f.filter((x) => x.event === "page").length >= 2))
      .filter((x) => x.event === "page")
      .map((x) => x.data);
    mine.close();
    theirs.close();
    expect(seen.map((d) => [d.pageId, d.status, d.forYou])).toEqual([
      [pageId, "triggered", false],
      [pageId, "acknowledged", false],
    ]);
  });

  it("refuses an anonymous stream", async () => {
    const res = await events.GET(new Request("http://test.local/api/v1/events"), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });
});
