import type { Channel, Message } from "../types";
import { postJson } from "./http";

// Microsoft Teams incoming webhook: a MessageCard (accepted by Office 365 connectors and by Workflows
// webhooks), with the fields as facts and the links as OpenUri actions.

export function teamsBody(message: Message): Record<string, unknown> {
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: message.subject.slice(0, 150),
    title: message.subject,
    text: message.kind === "verify" || message.kind === "test" ? message.text : undefined,
    sections: message.fields.length ? [{ facts: message.fields.map((f) => ({ name: f.label, value: f.value })) }] : [],
    potentialAction: message.links.map((l) => ({ "@type": "OpenUri", name: l.label, targets: [{ os: "default", uri: l.url }] })),
  };
}

export const teamsChannel: Channel = {
  kind: "teams",
  deliver: (to, message, ctx) => postJson(to.target, JSON.stringify(teamsBody(message)), {}, ctx.timeoutMs),
};
