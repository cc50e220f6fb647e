import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as page from "@/app/api/v1/pages/[id]/route";
import { getDb } from "@/lib/db";
import { deliverDueNotifications, type DeliveryScope } from "@/lib/services/notify/deliver";
import { sealTarget } from "@/lib/services/notify/contact-secrets";
import { slackBlocksProblem } from "../harness/chat-payloads";
import { startSlackStandin, startTeamsStandin, type ChatRequest, type StandinHandle } from "../harness/chat-standins";
import { call, userWithToken } from "./helpers/api";

// The delivery worker against protocol-speaking Slack and Teams stand-ins (tests/harness/chat-standins.ts:
// real HTTP servers that judge bodies as Slack incoming webhooks and Teams Workflows webhooks do and
// answer as they answer): the bodies are accepted (Block Kit within its limits; an Adaptive Card in the
// attachments envelope), every request names its delivery, 429 Retry-After is waited out, a 400 is not
// retried, 5xx is, and 404/410 disable the method and tell its owner on their other method.

type U = { email: string; token: string; id: string };
type Card = {
  contentType: string;
  content: {
    type: string;
    version: string;
    body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
    actions?: { type: string; title: string; url: string }[];
  };
};

describe("Slack and Teams webhooks (issue 13)", () => {
  let slack: StandinHandle, msTeams: StandinHandle;
  let admin: U, sam: U, tia: U;
  let scope: DeliveryScope;
  let amToken: string;
  const m: Record<string, string> = {};
  const deliver = (nowMs = Date.now()) => deliverDueNotifications(nowMs, scope);
  const at = (h: StandinHandle, path: string) => h.requests.filter((r) => r.path === path);

  async function method(userId: string, kind: "slack" | "teams", url: string, name: string) {
    const db = await getDb();
    const row = await db.contactMethod.create({
      data: {
        userId,
        kind,
        name,
        targetSealed: sealTarget(url),
        targetLabel: new URL(url).host,
        verifiedAt: new Date(),
      },
    });
    return row.id;
  }
  async function testMessage(methodId: string, userId: string) {
    const db = await getDb();
    return (
      await db.notification.create({
        data: {
          dedupeKey: `cw-test:${methodId}:${Math.random()}`,
          userId,
          contactMethodId: methodId,
          kind: "test",
          dueAt: new Date(),
          payload: { method: "chat" },
        },
      })
    ).id;
  }

  beforeAll(async () => {
    [slack, msTeams] = await Promise.all([startSlackStandin(), startTeamsStandin()]);
    process.env.NEXTAUTH_URL = "http://srecp.test";
    admin = await userWithToken("admin");
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "cw-team", name: "CW" } })).status,
    ).toBe(201);
    [sam, tia] = (await Promise.all([1, 2].map(() => userWithToken("editor", ["cw-team"])))) as [U, U];
    scope = { userIds: [sam.id, tia.id] };
    m.samSlack = await method(sam.id, "slack", `${slack.url}/services/T0SAM/B0SAM/sam`, "sam slack");
    m.samTeams = await method(
      sam.id,
      "teams",
      `${msTeams.url}/workflows/sam/triggers/manual/paths/invoke`,
      "sam teams",
    );
    m.tiaTeams = await method(
      tia.id,
      "teams",
      `${msTeams.url}/workflows/tia/triggers/manual/paths/invoke`,
      "tia teams",
    );
    m.tiaSlack = await method(tia.id, "slack", `${slack.url}/services/T0TIA/B0TIA/tia`, "tia slack");
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "cw-api", name: "CW API", team: "cw-team" },
        })
      ).status,
    ).toBe(201);
    const p = await call(policies.POST, {
      method: "POST",
      token: admin.token,
      body: {
        team: "cw-team",
        name: "cw",
        services: ["cw-api"],
        steps: [
          {
            delayMinutes: 30,
            targets: [
              { kind: "user", userId: sam.id },
              { kind: "user", userId: tia.id },
            ],
          },
        ],
      },
    });
    expect(p.status).toBe(201);
    amToken = (
      await call(integrations.POST, {
        method: "POST",
        token: admin.token,
        body: { name: "cw-am", routes: [], defaultService: "cw-api" },
      })
    ).body.token;
  });

  afterAll(async () => {
    await slack?.stop();
    await msTeams?.stop();
  });

  it("a page reaches Slack and Teams with bodies they accept, each request named by its delivery id", async () => {
    const annotations = {
      summary: `<!channel> checkout 5xx > 1 % & climbing ${"x".repeat(4000)}`,
      runbook_url: "https://runbooks.example/checkout",
    };
    const alert = {
      version: "4",
      status: "firing",
      receiver: "srecp",
      groupKey: "cw-page",
      truncatedAlerts: 0,
      externalURL: "http://am.local",
      groupLabels: { alertname: "CwCheckout" },
      commonLabels: { alertname: "CwCheckout", severity: "page" },
      commonAnnotations: annotations,
      alerts: [
        {
          status: "firing",
          labels: { alertname: "CwCheckout", severity: "page" },
          annotations,
          startsAt: new Date().toISOString(),
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "",
          fingerprint: "fp-cw-page",
        },
      ],
    };
    const res = await webhook.POST(
      new Request("http://test.local/api/v1/integrations/alertmanager", {
        method: "POST",
        headers: { authorization: `Bearer ${amToken}`, "content-type": "application/json" },
        body: JSON.stringify(alert),
      }),
      { params: Promise.resolve({}) },
    );
    const { pageId } = (await res.json()) as { pageId: string };
    expect(await deliver(Date.now() + 1000)).toEqual({ sent: 4, retried: 0, failed: 0 });

    const slackGot = [...at(slack, "/services/T0SAM/B0SAM/sam"), ...at(slack, "/services/T0TIA/B0TIA/tia")];
    expect(slackGot.map((r) => [r.status, r.answer, r.problem])).toEqual([
      [200, "ok", null],
      [200, "ok", null],
    ]);
    const body = slackGot[0]!.body as {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: { text: { text: string }; url: string }[] }[];
    };
    expect(slackBlocksProblem(body.blocks)).toBeNull();
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { text: expect.stringMatching(/^\[PAGE\] /) } });
    expect(body.text).toMatch(/^\[PAGE\] /); // the notification text (cut at 3000 characters; the buttons carry the links)
    // mrkdwn is escaped: an alert's text cannot @channel the room (plain_text, as in the header, is never parsed)
    const mrkdwn = [
      body.text,
      ...body.blocks.flatMap((b) => ((b as { fields?: { text: string }[] }).fields ?? []).map((f) => f.text)),
    ];
    expect(mrkdwn.filter((t) => t.includes("<!channel>"))).toEqual([]);
    expect(mrkdwn.some((t) => t.includes("&lt;!channel&gt;"))).toBe(true);
    const buttons = body.blocks.find((b) => b.type === "actions")!.elements!;
    expect(buttons.map((b) => b.text.text)).toEqual([
      "Open the page",
      "Acknowledge",
      "Resolve",
      "Escalate now",
      "Runbook",
    ]);
    expect(buttons[0]!.url).toBe(`http://srecp.test/oncall/pages/${pageId}`);
    expect(buttons[1]!.url).toMatch(/^http:\/\/srecp\.test\/api\/v1\/page-actions\//);

    const teamsGot = [
      ...at(msTeams, "/workflows/sam/triggers/manual/paths/invoke"),
      ...at(msTeams, "/workflows/tia/triggers/manual/paths/invoke"),
    ];
    expect(teamsGot.map((r) => [r.status, r.problem])).toEqual([
      [202, null],
      [202, null],
    ]);
    const envelope = teamsGot[0]!.body as { type: string; attachments: Card[] };
    expect(envelope.type).toBe("message");
    expect(envelope.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = envelope.attachments[0]!.content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.body.find((b) => b.type === "FactSet")!.facts).toEqual(
      expect.arrayContaining([
        { title: "Severity", value: "page" },
        { title: "Service", value: "CW API" },
      ]),
    );
    expect(card.actions!.map((a) => [a.type, a.title])).toContainEqual(["Action.OpenUrl", "Acknowledge"]);

    // Every request names its notification (X-SRECP-Delivery), one id per (page, method).
    const rows = await (
      await getDb()
    ).notification.findMany({ where: { pageId }, select: { id: true, contactMethodId: true } });
    expect(new Set([...slackGot, ...teamsGot].map((r: ChatRequest) => r.headers["x-srecp-delivery"]))).toEqual(
      new Set(rows.map((r) => r.id)),
    );
    const lines = (await call(page.GET, { token: admin.token, params: { id: pageId } })).body.notifications.map(
      (x: { line: string }) => x.line,
    );
    expect(
      lines.filter((l: string) => /^chat message to 127\.0\.0\.1:\d+ accepted by the receiver/.test(l)),
    ).toHaveLength(2);
    expect(
      lines.filter((l: string) => /^Teams message to 127\.0\.0\.1:\d+ accepted by the receiver/.test(l)),
    ).toHaveLength(2);
  });

  it("429 with Retry-After: nothing is sent before the time the provider named, then it is delivered", async () => {
    slack.script([{ status: 429, retryAfter: 120 }]);
    msTeams.script([{ status: 429, retryAfter: 90 }]);
    const db = await getDb();
    const [s, t] = [await testMessage(m.samSlack!, sam.id), await testMessage(m.tiaTeams!, tia.id)];
    const t0 = Date.now();
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 2, failed: 0 });
    const waited = async (id: string) => {
      const row = await db.notification.findUniqueOrThrow({ where: { id }, include: { attemptLog: true } });
      return (row.dueAt.getTime() - row.attemptLog[0]!.at.getTime()) / 1000;
    };
    expect(await waited(s)).toBeCloseTo(120, 0); // not the 40 s backoff: the provider said 120
    expect(await waited(t)).toBeCloseTo(90, 0);
    expect(await deliver(t0 + 60_000)).toEqual({ sent: 0, retried: 0, failed: 0 }); // past the backoff, before Retry-After
    expect(await deliver(t0 + 95_000)).toEqual({ sent: 1, retried: 0, failed: 0 }); // Teams
    expect(await deliver(t0 + 125_000)).toEqual({ sent: 1, retried: 0, failed: 0 }); // Slack
    for (const id of [s, t]) {
      const row = await db.notification.findUniqueOrThrow({
        where: { id },
        include: { attemptLog: { orderBy: { at: "asc" } } },
      });
      expect(row.status).toBe("sent");
      expect(row.attemptLog.map((a) => [a.outcome, a.statusCode])).toEqual([
        ["retry", 429],
        ["accepted", row.attemptLog[1]!.statusCode],
      ]);
    }
    expect(
      at(slack, "/services/T0SAM/B0SAM/sam")
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([429, 200]);
    expect(
      at(msTeams, "/workflows/tia/triggers/manual/paths/invoke")
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([429, 202]);
  });

  it("Slack 400 invalid_payload fails at once (not retried, method kept); Teams 502 is retried", async () => {
    slack.script(["invalid"]);
    msTeams.script(["server_error"]);
    const db = await getDb();
    const [s, t] = [await testMessage(m.samSlack!, sam.id), await testMessage(m.samTeams!, sam.id)];
    expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 1 });
    expect(await db.notification.findUniqueOrThrow({ where: { id: s } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "HTTP 400: invalid_payload",
    });
    expect(await db.notification.findUniqueOrThrow({ where: { id: t } })).toMatchObject({
      status: "pending",
      attempts: 1,
    });
    expect((await db.contactMethod.findUniqueOrThrow({ where: { id: m.samSlack! } })).disabledAt).toBeNull();
    expect(await deliver(Date.now() + 60_000)).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it("Slack 410 channel_is_archived and Teams 404 disable the method; the owner is told on their other method", async () => {
    const db = await getDb();
    slack.script(["archived"]);
    await testMessage(m.samSlack!, sam.id);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await db.contactMethod.findUniqueOrThrow({ where: { id: m.samSlack! } })).toMatchObject({
      disabledAt: expect.any(Date),
      disabledReason: expect.stringContaining("410"),
    });
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 }); // sam hears it on Teams
    const told = at(msTeams, "/workflows/sam/triggers/manual/paths/invoke").at(-1)!;
    expect(told.problem).toBeNull();
    const card = (told.body as { attachments: Card[] }).attachments[0]!.content;
    expect(card.body[0]!.text).toBe("One of your contact methods was disabled");
    expect(card.body[1]!.text).toMatch(/"sam slack" .* was disabled: the receiver answered 410/);

    msTeams.script(["gone"]);
    await testMessage(m.tiaTeams!, tia.id);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await db.contactMethod.findUniqueOrThrow({ where: { id: m.tiaTeams! } })).toMatchObject({
      disabledAt: expect.any(Date),
      disabledReason: expect.stringContaining("404"),
    });
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 }); // tia hears it on Slack
    const toTia = at(slack, "/services/T0TIA/B0TIA/tia").at(-1)!;
    expect(toTia.problem).toBeNull();
    const blocks = (toTia.body as { blocks: { type: string; text?: { text: string } }[] }).blocks;
    expect(blocks[0]!.text!.text).toBe("One of your contact methods was disabled");
    expect(blocks[1]!.text!.text).toMatch(/"tia teams" .* was disabled: the receiver answered 404/);

    // nothing more goes to a disabled method: a new message for it is cancelled, not sent
    const before = slack.requests.length;
    const again = await testMessage(m.samSlack!, sam.id);
    await deliver();
    expect(await db.notification.findUniqueOrThrow({ where: { id: again } })).toMatchObject({
      status: "cancelled",
      lastError: "the contact method is disabled",
    });
    expect(slack.requests.length).toBe(before);
  });
});
