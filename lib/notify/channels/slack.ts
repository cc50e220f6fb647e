import type { Channel, Message } from "../types";
import { postJson } from "./http";

// Slack-format incoming webhook (Mattermost and Rocket.Chat accept the same JSON): `text` for
// notifications and clients without blocks, Block Kit for the card: header, fields, link buttons.

export function slackBody(message: Message): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [{ type: "header", text: { type: "plain_text", text: message.subject.slice(0, 150) } }];
  if (message.fields.length) {
    // Block Kit allows at most 10 fields per section.
    blocks.push({ type: "section", fields: message.fields.slice(0, 10).map((f) => ({ type: "mrkdwn", text: `*${f.label}*\n${f.value.slice(0, 500)}` })) });
  }
  if (message.kind === "verify" || message.kind === "test") blocks.push({ type: "section", text: { type: "plain_text", text: message.text.slice(0, 2900) } });
  if (message.links.length) blocks.push({ type: "actions", elements: message.links.slice(0, 5).map((l) => ({ type: "button", text: { type: "plain_text", text: l.label }, url: l.url })) });
  return { text: message.text.slice(0, 3000), blocks };
}

export const slackChannel: Channel = {
  kind: "slack",
  deliver: (to, message, ctx) => postJson(to.target, JSON.stringify(slackBody(message)), {}, ctx.timeoutMs),
};
