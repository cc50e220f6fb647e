import "server-only";
import { getDb } from "@/lib/db";
import { findPageDelivery } from "@/lib/db/repos/pages";
import type { Actor } from "@/lib/auth/permissions";
import { pageAlerts } from "@/lib/oncall";
import { getPage } from "./pages";

// The on-call page's detail view: the page (getPage checks read access and 404s) plus what a responder
// needs next to it: the alerts with links to the SLO, runbook and dashboard (lib/oncall pageAlerts over
// the latest Alertmanager delivery), and the incident it was escalated into, if any.

export async function getPageDetail(actor: Actor, id: string) {
  const page = await getPage(actor, id);
  const row = await findPageDelivery(await getDb(), id);
  const payload = row?.lastPayload ?? null;
  const alerts = pageAlerts({
    states: page.alerts,
    alerts: payload?.alerts ?? [],
    commonLabels: { ...page.labels, ...payload?.commonLabels },
    commonAnnotations: payload?.commonAnnotations ?? {},
    pageStatus: page.status,
  });
  return { ...page, alertList: alerts, incident: row?.incident ?? null };
}
