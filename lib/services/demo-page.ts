import "server-only";
import { getDb } from "@/lib/db";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { demoPageOpensAt } from "@/lib/demo/page";
import { receiveAlertmanagerWebhook } from "./oncall/alertmanager";
import { escalatePage } from "./oncall/escalation";
import { createIntegration, rotateIntegrationToken } from "./oncall/integrations";

// The demo's open page (issue 14): payments' fast burn pages its on-call through the real intake path —
// an Alertmanager integration, the webhook payload Alertmanager would have sent when the page-fast rule
// fired (lib/demo/page.ts), then the escalation steps that fell due before the demo's end. Nobody
// acknowledges it: the page stays open (and, once its policy is exhausted, unacknowledged).

export const DEMO_INTEGRATION = "Demo Prometheus alerts";
export const DEMO_PAGE_GROUP = "demo-payments-fast-burn";

const payload = (atSec: number, alert: string) => {
  const labels = {
    alertname: "PaymentsErrorBudgetBurn",
    service: "payments",
    slo: "payments-availability",
    severity: "page",
    tier: alert,
  };
  return {
    version: "4",
    groupKey: DEMO_PAGE_GROUP,
    status: "firing",
    receiver: "srecp",
    groupLabels: { alertname: labels.alertname, service: "payments" },
    commonLabels: labels,
    commonAnnotations: { summary: "payments-availability is burning its error budget 50× too fast" },
    externalURL: "",
    truncatedAlerts: 0,
    alerts: [
      {
        status: "firing",
        labels,
        annotations: { summary: "5 % of payment requests fail (card processor timeouts)" },
        startsAt: new Date(atSec * 1000).toISOString(),
        endsAt: "",
        generatorURL: "",
        fingerprint: "demo-payments-page-fast",
      },
    ],
  };
};

/** Opens the page once per database (a later load finds it, open or answered, and leaves it). */
export async function openDemoPage(actor: Actor, endMs: number): Promise<string> {
  assertAdmin(actor, "demo data");
  const db = await getDb();
  if (await db.page.findFirst({ where: { groupKey: DEMO_PAGE_GROUP } })) return "payments page already opened";
  const existing = await db.integration.findUnique({ where: { name: DEMO_INTEGRATION } });
  const { token } = existing
    ? await rotateIntegrationToken(actor, existing.id)
    : await createIntegration(actor, { name: DEMO_INTEGRATION, routes: [], defaultService: "payments" });
  const { atSec, alert } = demoPageOpensAt(Math.floor(endMs / 1000));
  const opened = await receiveAlertmanagerWebhook(`Bearer ${token}`, payload(atSec, alert), atSec * 1000);
  // The steps due between the page and the demo's end, each at the instant it fell due.
  for (let i = 0; i < 20 && opened.pageId; i++) {
    const due = (await db.page.findUnique({ where: { id: opened.pageId }, select: { nextEscalationAt: true } }))
      ?.nextEscalationAt;
    if (!due || due.getTime() > endMs) break;
    await escalatePage(opened.pageId, due.getTime());
  }
  return `payments page opened ${new Date(atSec * 1000).toISOString()} (page-fast burn alert), unacknowledged`;
}
