import "server-only";
import type { Channel, Message } from "../types";
import { deliveryHeaders, postJson } from "./http";

// Slack-format incoming webhook (Mattermost and Rocket.Chat accept the same JSON): `text` for
// notifications and clients without blocks, Block Kit for the card: header, the message body for
// kinds without a page, fields, link buttons. Every block stays inside Block Kit's limits (a block
// over one is a 400 "invalid_blocks" and the whole message is lost): header 150 characters, section
// text 3000, at most 10 fields of 2000, button labels 75, button URLs 3000.

/** Slack's mrkdwn (and the top-level text) treat &, < and > as control characters: escape them. */
export const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** Kinds whose point is their text (a code, a note, a reason) rather than a page's fields. */
const TEXT_KINDS = new Set(["verify", "test", "handoff", "shift_reminder", "method_disabled"]);

export function slackBody(message: Message): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: cut(message.subject, 150) } },
  ];
  // the text repeats the subject on its first line (the header shows it)
  const body = message.text.split("\n").slice(1).join("\n").trim();
  if (TEXT_KINDS.has(message.kind) && body)
    blocks.push({ type: "section", text: { type: "plain_text", text: cut(body, 3000) } });
  if (message.fields.length) {
    blocks.push({
      type: "section",
      fields: message.fields
        .slice(0, 10)
        .map((f) => ({ type: "mrkdwn", text: cut(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })),
    });
  }
  const buttons = message.links.filter((l) => l.url.length <= 3000).slice(0, 5);
  if (buttons.length)
    blocks.push({
      type: "actions",
      elements: buttons.map((l) => ({
        type: "button",
        text: { type: "plain_text", text: cut(l.label, 75) },
        url: l.url,
      })),
    });
  return { text: cut(slackEscape(message.text), 3000), blocks };
}

export const slackChannel: Channel = {
  kind: "slack",
  deliver: (to, message, ctx) =>
    postJson(to.target, JSON.stringify(slackBody(message)), deliveryHeaders(ctx.notificationId), ctx.timeoutMs),
};
