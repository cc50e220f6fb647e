import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { pageAlerts, type PayloadAlert } from "@/lib/oncall";
import { getPage } from "./pages";

// The on-call page's detail view: the page (getPage checks read access and 404s) plus what a responder
// needs next to it: the alerts with links to the SLO, runbook and dashboard (lib/oncall pageAlerts over
// the latest Alertmanager delivery), and the incident it was escalated into, if any.

type StoredPayload = { alerts?: unknown; commonLabels?: unknown; commonAnnotations?: unknown };

const record = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string")) : {};

/** The stored webhook was validated at intake; this only guards against rows written before or by hand. */
function payloadAlerts(payload: StoredPayload | null): PayloadAlert[] {
  if (!payload || !Array.isArray(payload.alerts)) return [];
  return payload.alerts.flatMap((raw): PayloadAlert[] => {
    const a = raw as Record<string, unknown>;
    if (typeof a.fingerprint !== "string" || (a.status !== "firing" && a.status !== "resolved")) return [];
    return [{
      fingerprint: a.fingerprint, status: a.status, labels: record(a.labels), annotations: record(a.annotations),
      ...(typeof a.startsAt === "string" ? { startsAt: a.startsAt } : {}), ...(typeof a.generatorURL === "string" ? { generatorURL: a.generatorURL } : {}),
    }];
  });
}

export async function getPageDetail(actor: Actor, id: string) {
  const page = await getPage(actor, id);
  const db = await getDb();
  const row = await db.page.findUnique({ where: { id }, select: { lastPayload: true, incident: { select: { number: true, title: true } } } });
  const payload = (row?.lastPayload ?? null) as StoredPayload | null;
  const alerts = pageAlerts({
    states: page.alerts,
    alerts: payloadAlerts(payload),
    commonLabels: { ...page.labels, ...record(payload?.commonLabels) },
    commonAnnotations: record(payload?.commonAnnotations),
    pageStatus: page.status,
  });
  return { ...page, alertList: alerts, incident: row?.incident ?? null };
}
