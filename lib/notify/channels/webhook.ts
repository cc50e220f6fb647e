import "server-only";
import type { Channel, Message } from "../types";
import { signatureOf, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../signature";
import { deliveryHeaders, postJson } from "./http";

// Generic outgoing webhook: the JSON body documented in docs/notifications.md, signed with the
// method's secret (lib/notify/signature.ts). X-SRECP-Delivery is the notification id (the same on
// every retry), so a receiver can drop a duplicate of a delivery it already processed.

export const webhookBody = (message: Message, notificationId: string, attempt: number) => ({
  version: 1,
  id: notificationId,
  attempt,
  ...message.data,
  text: message.text,
});

export const webhookChannel: Channel = {
  kind: "webhook",
  deliver: (to, message, ctx) => {
    const raw = JSON.stringify(webhookBody(message, ctx.notificationId, ctx.attempt));
    const ts = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { ...deliveryHeaders(ctx.notificationId), [TIMESTAMP_HEADER]: String(ts) };
    if (to.secret) headers[SIGNATURE_HEADER] = signatureOf(to.secret, ts, raw);
    return postJson(to.target, raw, headers, ctx.timeoutMs);
  },
};
