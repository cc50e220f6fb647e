import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderMessage, type PageFacts } from "@/lib/notify/render";
import { slackBody, slackEscape } from "@/lib/notify/channels/slack";
import { teamsBody } from "@/lib/notify/channels/teams";
import { messageIdFor } from "@/lib/notify/channels/email";
import { retryAfterSeconds } from "@/lib/notify/channels/http";
import { NOTIFICATION_KINDS } from "@/lib/notify/types";
import { slackBlocksProblem, slackPayloadProblem, teamsPayloadProblem } from "../../harness/chat-payloads";

// Chat bodies stay valid for whatever an alert carries: Block Kit's limits (a block over one loses the
// whole message with 400 invalid_blocks) and the Teams Workflows envelope of an Adaptive Card. Judged
// by the same checks the protocol stand-ins in tests/harness apply.

const page = (title: string, summary: string, runbook: string): PageFacts => ({
  id: "p1",
  title,
  severity: "page",
  status: "triggered",
  service: { slug: "checkout", name: "Checkout" },
  labels: { severity: "page" },
  annotations: { summary, runbook_url: runbook },
  openedAt: "2026-03-01T12:00:00.000Z",
  step: 0,
  round: 0,
});
const actions = [{ action: "acknowledge" as const, url: "https://srecp.example/api/v1/page-actions/tok1" }];
const render = (
  kind: (typeof NOTIFICATION_KINDS)[number],
  p: PageFacts | null,
  payload: Record<string, unknown> = {},
) =>
  renderMessage({
    kind,
    page: p,
    others: Array.from({ length: 40 }, (_, i) => `Person ${i}`),
    pageUrl: "https://srecp.example/oncall/pages/p1",
    actions,
    payload,
  });

describe("Slack and Teams bodies are valid for any alert", () => {
  it("property: titles, summaries and runbook URLs of any length and content give bodies both providers accept", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 400 }),
        fc.string({ maxLength: 6000 }),
        fc.nat(5000),
        (title, summary, urlLength) => {
          const runbook = `https://runbooks.example/${"r".repeat(urlLength)}`;
          const m = render("page", page(title, summary, runbook));
          const slack = slackBody(m);
          expect(slackBlocksProblem(slack.blocks as unknown[])).toBeNull();
          expect(slackPayloadProblem(JSON.stringify(slack), "application/json")).toBeNull();
          expect(teamsPayloadProblem(JSON.stringify(teamsBody(m)), "application/json")).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("every kind carries its point: the code, the note, the reason are in a block, not only in the fallback text", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const m = render(
        kind,
        ["page", "escalated", "acknowledged", "resolved", "fallback"].includes(kind)
          ? page("Checkout errors", "5xx above 1 %", "https://rb.example")
          : null,
        { code: "424242", text: "Dana hands over", note: "watch the queue", by: "Erik" },
      );
      expect(slackPayloadProblem(JSON.stringify(slackBody(m)), "application/json"), kind).toBeNull();
      expect(teamsPayloadProblem(JSON.stringify(teamsBody(m)), "application/json"), kind).toBeNull();
    }
    const verify = JSON.stringify(slackBody(render("verify", null, { code: "424242" })).blocks);
    expect(verify).toContain("424242");
    expect(
      JSON.stringify(teamsBody(render("handoff", null, { text: "Dana hands over", note: "watch the queue" }))),
    ).toContain("watch the queue");
  });

  it("mrkdwn control characters are escaped, so a summary cannot turn into a link or a mention", () => {
    expect(slackEscape("a < b && c > <!channel>")).toBe("a &lt; b &amp;&amp; c &gt; &lt;!channel&gt;");
    const body = slackBody(render("page", page("x", "<!channel> latency > 1 s", "https://rb.example")));
    expect(JSON.stringify(body)).not.toContain("<!channel>");
  });

  it("the stand-in checks reject what the providers reject (so passing them means something)", () => {
    expect(slackPayloadProblem("{", "application/json")).toBe("invalid_payload");
    expect(slackPayloadProblem("{}", "application/json")).toBe("no_text");
    expect(
      slackPayloadProblem(
        JSON.stringify({
          text: "t",
          blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
        }),
        "application/json",
      ),
    ).toBe("invalid_blocks");
    expect(
      slackPayloadProblem(
        JSON.stringify({
          blocks: [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
        }),
        "application/json",
      ),
    ).toBe("invalid_blocks");
    const messageCard = {
      "@type": "MessageCard",
      "@context": "https://schema.org/extensions",
      summary: "s",
      title: "t",
    };
    expect(teamsPayloadProblem(JSON.stringify(messageCard), "application/json")).toMatch(/attachments/);
    const submit = {
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            type: "AdaptiveCard",
            version: "1.4",
            body: [{ type: "TextBlock", text: "t" }],
            actions: [{ type: "Action.Submit", title: "Ack" }],
          },
        },
      ],
    };
    expect(teamsPayloadProblem(JSON.stringify(submit), "application/json")).toMatch(/Action.Submit/);
  });
});

describe("stable ids for receivers that dedupe", () => {
  it("the e-mail Message-ID depends on the notification id only, in the sender's domain", () => {
    expect(messageIdFor("cmabc123", "SRECP <pager@srecp.test>")).toBe("<srecp-cmabc123@srecp.test>");
    expect(messageIdFor("cmabc123", "pager@mail.example.org")).toBe("<srecp-cmabc123@mail.example.org>");
    expect(messageIdFor("cmabc123", "no address")).toBe("<srecp-cmabc123@srecp.invalid>");
  });

  it("Retry-After: delay-seconds or an HTTP-date; absent or garbage → none", () => {
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds(new Date(now + 90_500).toUTCString(), now)).toBe(90);
    expect(retryAfterSeconds(new Date(now - 5_000).toUTCString(), now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds("soon", now)).toBeUndefined();
  });
});
