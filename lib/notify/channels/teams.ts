import "server-only";
import type { Channel, Message } from "../types";
import { deliveryHeaders, postJson } from "./http";

// Microsoft Teams: an Adaptive Card in the message envelope that Teams Workflows webhooks ("Post to a
// channel when a webhook request is received") and the older incoming webhooks both accept —
// {type: "message", attachments: [{contentType: "application/vnd.microsoft.card.adaptive", content}]}.
// Fields are a FactSet, links Action.OpenUrl (a webhook's card cannot submit back). Version 1.4:
// rendered by every Teams client. Office 365 connector MessageCards are retired.

export const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
const TEXT_KINDS = new Set(["verify", "test", "handoff", "shift_reminder", "method_disabled"]);
/** Longer links (an odd runbook URL) would not open in a browser anyway; the text part still has them. */
const MAX_URL = 2048;

export function teamsBody(message: Message): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: message.subject, weight: "Bolder", size: "Medium", wrap: true },
  ];
  const text = message.text.split("\n").slice(1).join("\n").trim();
  if (TEXT_KINDS.has(message.kind) && text) body.push({ type: "TextBlock", text, wrap: true });
  if (message.fields.length)
    body.push({ type: "FactSet", facts: message.fields.map((f) => ({ title: f.label, value: f.value })) });
  const links = message.links.filter((l) => l.url.length <= MAX_URL);
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
    ...(links.length ? { actions: links.map((l) => ({ type: "Action.OpenUrl", title: l.label, url: l.url })) } : {}),
  };
  return { type: "message", attachments: [{ contentType: ADAPTIVE_CARD, contentUrl: null, content: card }] };
}

export const teamsChannel: Channel = {
  kind: "teams",
  deliver: (to, message, ctx) =>
    postJson(to.target, JSON.stringify(teamsBody(message)), deliveryHeaders(ctx.notificationId), ctx.timeoutMs),
};
