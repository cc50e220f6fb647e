import { describe, expect, it } from "vitest";
import { renderMessage, sloFacts, type PageFacts } from "@/lib/notify/render";
import { slackBody } from "@/lib/notify/channels/slack";
import { teamsBody } from "@/lib/notify/channels/teams";
import { emailHtml } from "@/lib/notify/channels/email";

const page: PageFacts = {
  id: "p1",
  title: "Checkout availability burning",
  severity: "page",
  status: "triggered",
  service: { slug: "checkout", name: "Checkout" },
  labels: {
    slo_id: "checkout-avail",
    slo: "Checkout availability",
    tier: "page-fast",
    long_window: "1h",
    short_window: "5m",
    severity: "page",
  },
  annotations: {
    summary: "Checkout availability (checkout): error budget burning at 14.4x or faster over 1h and 5m",
    runbook_url: "https://runbooks.example/checkout",
  },
  openedAt: "2026-03-01T12:00:00.000Z",
  step: 0,
  round: 0,
};
const actions = [{ action: "acknowledge" as const, url: "https://srecp.example/api/v1/page-actions/tok1" }];

describe("renderMessage", () => {
  it("a page from one of our SLO rules: severity, service, summary, SLO, burn rate, others, links", () => {
    const m = renderMessage({
      kind: "page",
      page,
      others: ["Erik"],
      pageUrl: "https://srecp.example/oncall/pages/p1",
      actions,
      payload: {},
    });
    expect(m.subject).toBe("[PAGE] Checkout availability burning");
    expect(m.fields).toEqual([
      { label: "Severity", value: "page" },
      { label: "Service", value: "Checkout" },
      { label: "Summary", value: page.annotations.summary },
      { label: "SLO", value: "Checkout availability" },
      { label: "Burn rate", value: "14.4x over 1h and 5m" },
      { label: "Escalation step", value: "1" },
      { label: "Also notified", value: "Erik" },
    ]);
    expect(m.links.map((l) => l.label)).toEqual(["Open the page", "Acknowledge", "Runbook"]);
    expect(m.text).toContain("Acknowledge: https://srecp.example/api/v1/page-actions/tok1");
    expect(m.data).toMatchObject({
      kind: "page",
      slo: { slo: "Checkout availability", burnRate: "14.4x over 1h and 5m" },
      actions: { acknowledge: actions[0]!.url },
      alsoNotified: ["Erik"],
    });
  });

  it("an alert that is not from an SLO rule has no SLO fields; a non-http runbook is not linked", () => {
    const plain = { ...page, labels: { severity: "page" }, annotations: { runbook_url: "javascript:alert(1)" } };
    const m = renderMessage({ kind: "page", page: plain, others: [], pageUrl: null, actions: [], payload: {} });
    expect(m.fields.map((f) => f.label)).toEqual([
      "Severity",
      "Service",
      "Summary",
      "Escalation step",
      "Also notified",
    ]);
    expect(m.fields.find((f) => f.label === "Summary")?.value).toBe(page.title);
    expect(m.links).toEqual([]);
    expect(sloFacts({ slo_id: "x", tier: "ticket-slow" }, {})).toEqual({ slo: "x", burnRate: "ticket-slow" });
  });

  it("follow-ups name who acted; a verification carries the code", () => {
    expect(
      renderMessage({ kind: "acknowledged", page, others: [], pageUrl: null, actions: [], payload: { by: "Dana" } })
        .subject,
    ).toBe("[ACK] Checkout availability burning acknowledged by Dana");
    const v = renderMessage({
      kind: "verify",
      page: null,
      others: [],
      pageUrl: null,
      actions: [],
      payload: { code: "123456" },
    });
    expect(v.text).toContain("123456");
    expect(v.data.code).toBe("123456");
  });

  it("channel bodies: Block Kit fields and buttons, Teams Adaptive Card facts, escaped e-mail HTML", () => {
    const m = renderMessage({
      kind: "page",
      page: { ...page, title: "<b>x</b>" },
      others: [],
      pageUrl: "https://srecp.example/p",
      actions,
      payload: {},
    });
    const slack = slackBody(m) as { blocks: { type: string; fields?: unknown[]; elements?: { url: string }[] }[] };
    expect(slack.blocks.map((b) => b.type)).toEqual(["header", "section", "actions"]);
    expect(slack.blocks[2]!.elements!.map((e) => e.url)).toContain(actions[0]!.url);
    const card = (
      teamsBody(m) as {
        attachments: { contentType: string; content: { body: { type: string; facts?: unknown[] }[] } }[];
      }
    ).attachments[0]!;
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.body.find((b) => b.type === "FactSet")!.facts).toHaveLength(m.fields.length);
    expect(emailHtml(m)).toContain("&#60;b&#62;x&#60;/b&#62;");
    expect(emailHtml(m)).not.toContain("<b>x</b>");
  });
});
