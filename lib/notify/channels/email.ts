import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { truncate } from "../backoff";
import type { Channel, DeliveryResult, Message } from "../types";

// E-mail over SMTP with nodemailer (SMTP_URL, e.g. smtp://user:pass@mail:587; SMTP_FROM). One pooled
// transport per process and URL. SMTP replies map as DeliveryResult says: 250 accepted, 4xx and
// connection trouble retry, 5xx failed. Addresses and the URL (it carries the password) are never
// put into a result or a log line.

/** SMTP_URL / SMTP_FROM as lib/env parsed them at start; null when e-mail is not configured. */
export const smtpConfig = (): { url: string; from: string } | null => env().smtp;

const transports = new Map<string, Transporter>();
function transportFor(url: string, timeoutMs: number): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url, {
      pool: true,
      maxConnections: 5,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as never);
    transports.set(url, t);
  }
  return t;
}

/**
 * The Message-ID of a notification's e-mail: derived from its id alone, so every retry — and a re-send
 * after a worker died between SMTP's 250 and recording it — carries the same one, and mail systems that
 * drop duplicate Message-IDs show it once. The domain is the sender's (RFC 5322 wants one we own).
 */
export function messageIdFor(notificationId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "srecp.invalid";
  return `<srecp-${notificationId}@${domain}>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function emailHtml(message: Message): string {
  const rows = message.fields
    .map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
    .join("");
  const links = message.links
    .map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`)
    .join(" &middot; ");
  const body =
    message.kind === "verify" ||
    message.kind === "test" ||
    message.kind === "handoff" ||
    message.kind === "shift_reminder"
      ? `<pre>${escapeHtml(message.text)}</pre>`
      : "";
  return `<h2>${escapeHtml(message.subject)}</h2>${body}${rows ? `<table>${rows}</table>` : ""}${links ? `<p>${links}</p>` : ""}`;
}

function resultOfError(err: unknown, latencyMs: number, timeoutMs: number): DeliveryResult {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof e.responseCode === "number") {
    return {
      outcome: e.responseCode >= 500 ? "failed" : "retry",
      statusCode: e.responseCode,
      detail: truncate(`SMTP ${e.response ?? e.responseCode}`),
      latencyMs,
    };
  }
  const why =
    e.code === "ETIMEDOUT" || e.message === "timeout"
      ? `no answer within ${timeoutMs} ms`
      : (e.code ?? "connection failed");
  return { outcome: "retry", detail: truncate(`SMTP ${why}`), latencyMs };
}

export const emailChannel: Channel = {
  kind: "email",
  async deliver(to, message, ctx) {
    const config = smtpConfig();
    if (!config)
      return { outcome: "failed", detail: "e-mail is not configured on this server (SMTP_URL)", latencyMs: 0 };
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    try {
      const send = transportFor(config.url, ctx.timeoutMs).sendMail({
        from: config.from,
        to: to.target,
        subject: message.subject,
        text: message.text,
        html: emailHtml(message),
        messageId: messageIdFor(ctx.notificationId, config.from),
        headers: { "X-SRECP-Delivery": ctx.notificationId },
      });
      const timeout = new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })), ctx.timeoutMs)),
      );
      const info = await Promise.race([send, timeout]);
      const code = Number(/^(\d{3})/.exec(info.response ?? "")?.[1] ?? 250);
      return {
        outcome: "accepted",
        statusCode: code,
        detail: truncate(`SMTP ${info.response ?? "250 accepted"}`),
        latencyMs: latency(),
      };
    } catch (err) {
      return resultOfError(err, latency(), ctx.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  },
};
