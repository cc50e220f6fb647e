import "server-only";
import type { Message, NotificationKind } from "./types";

// Channel-neutral rendering of a notification (pure: everything it shows is passed in). A page message
// carries what a responder needs before opening the app: severity, service, summary, runbook, the SLO
// and its burn rate when the alert came from one of our SLO rules (labels slo_id/slo/tier from
// lib/slo/rules.ts), who else was notified, the page link and the one-time action links.

export type PageFacts = {
  id: string;
  title: string;
  severity: string;
  status: string;
  service: { slug: string; name: string } | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  openedAt: string;
  step: number | null;
  round: number | null;
};

export type ActionLink = { action: "acknowledge" | "resolve" | "escalate"; url: string };

export type RenderInput = {
  kind: NotificationKind;
  page: PageFacts | null;
  /** the people notified about this page so far, other than the recipient (names or e-mails) */
  others: string[];
  pageUrl: string | null;
  actions: ActionLink[];
  /** kind-specific facts: `by` (who acknowledged/resolved/escalated), `code` (verify), `note` (handoff) */
  payload: Record<string, unknown>;
};

const ACTION_LABEL: Record<ActionLink["action"], string> = {
  acknowledge: "Acknowledge",
  resolve: "Resolve",
  escalate: "Escalate now",
};
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** SLO facts of an alert from our burn-rate rules: name, tier, windows and the factor from the summary. */
export function sloFacts(
  labels: Record<string, string>,
  annotations: Record<string, string>,
): { slo: string; burnRate: string } | null {
  if (!labels.slo_id) return null;
  const factor = /burning at ([\d.]+)x/.exec(annotations.summary ?? "")?.[1];
  const windows =
    labels.long_window && labels.short_window ? ` over ${labels.long_window} and ${labels.short_window}` : "";
  const burnRate = factor ? `${factor}x${windows}` : labels.tier ? `${labels.tier}${windows}` : "above threshold";
  return { slo: labels.slo ?? labels.slo_id, burnRate };
}

function pageFields(page: PageFacts, others: string[]): Message["fields"] {
  const slo = sloFacts(page.labels, page.annotations);
  const fields: Message["fields"] = [
    { label: "Severity", value: page.severity },
    { label: "Service", value: page.service ? page.service.name : "none" },
    { label: "Summary", value: str(page.annotations.summary) ?? page.title },
  ];
  if (slo) fields.push({ label: "SLO", value: slo.slo }, { label: "Burn rate", value: slo.burnRate });
  if (page.step !== null) fields.push({ label: "Escalation step", value: String(page.step + 1) });
  fields.push({ label: "Also notified", value: others.length ? others.join(", ") : "nobody else" });
  return fields;
}

const HEADLINE: Record<NotificationKind, (title: string, by: string | null) => string> = {
  page: (t) => `[PAGE] ${t}`,
  escalated: (t, by) => `[PAGE] ${t} (escalated${by ? ` by ${by}` : ""})`,
  acknowledged: (t, by) => `[ACK] ${t} acknowledged${by ? ` by ${by}` : ""}`,
  resolved: (t, by) => `[RESOLVED] ${t} resolved${by ? ` by ${by}` : ""}`,
  fallback: (t) => `[UNACKNOWLEDGED] ${t}: every escalation step was notified and nobody acknowledged`,
  shift_reminder: () => "Your on-call shift starts soon",
  handoff: () => "On-call handoff",
  verify: () => "Your verification code",
  test: () => "Test notification from SRE Control Plane",
  method_disabled: () => "One of your contact methods was disabled",
};

export function renderMessage(input: RenderInput): Message {
  const { kind, page, payload } = input;
  const by = str(payload.by);
  const subject = HEADLINE[kind](page?.title ?? "", by);
  const fields = page ? pageFields(page, input.others) : [];
  const links: Message["links"] = [];
  if (page && input.pageUrl) links.push({ label: "Open the page", url: input.pageUrl });
  for (const a of input.actions) links.push({ label: ACTION_LABEL[a.action], url: a.url });
  const runbook = page ? str(page.annotations.runbook_url) : null;
  if (runbook && /^https?:\/\//i.test(runbook)) links.push({ label: "Runbook", url: runbook });

  const lines = [subject, ""];
  if (kind === "verify")
    lines.push(`Enter this code to verify the contact method: ${str(payload.code) ?? ""}`, "It expires in 15 minutes.");
  if (kind === "test") lines.push("This contact method works: SRE Control Plane can reach you here.");
  if (kind === "method_disabled")
    lines.push(
      str(payload.text) ?? "",
      "",
      "Pages no longer go there. Fix or re-add it on your profile, then verify it again.",
    );
  if (kind === "handoff" || kind === "shift_reminder")
    lines.push(str(payload.text) ?? "", ...(str(payload.note) ? ["", `Handoff note: ${str(payload.note)}`] : []));
  for (const f of fields) lines.push(`${f.label}: ${f.value}`);
  if (links.length) lines.push("", ...links.map((l) => `${l.label}: ${l.url}`));
  if (input.actions.length) lines.push("", "Each action link works once and expires in 24 hours.");

  const data: Record<string, unknown> = {
    kind,
    subject,
    page: page
      ? {
          id: page.id,
          title: page.title,
          severity: page.severity,
          status: page.status,
          service: page.service,
          labels: page.labels,
          annotations: page.annotations,
          openedAt: page.openedAt,
          step: page.step,
          round: page.round,
          url: input.pageUrl,
        }
      : null,
    slo: page ? sloFacts(page.labels, page.annotations) : null,
    alsoNotified: input.others,
    actions: Object.fromEntries(input.actions.map((a) => [a.action, a.url])),
    ...(by ? { by } : {}),
    ...(kind === "verify" ? { code: str(payload.code) } : {}),
  };
  return { kind, subject, text: lines.join("\n"), fields, links, data };
}
