import "server-only";
import { getDb } from "@/lib/db";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { onCallAt, type Schedule } from "@/lib/oncall";
import { MITIGATED_BEFORE_RESOLVED, requestsBetween } from "@/lib/demo/traffic";
import { actionItem, DAY, HOUR, ids, incident, page, ratio, slo } from "./demo-extended-rows";
import { recordAudit } from "./audit";

// The part of the demo that exercises every readiness check both ways (docs/readiness.md), on top of the
// organisation lib/services/demo.ts creates. Rows are written directly: SLOs need no Prometheus to exist.
// Times are relative to now, so the verdicts hold whenever the demo is loaded. Loading it twice changes
// nothing (each piece is looked up by its natural key first).
//
//                      signed off  runbooks  budget policy  escalation      postmortems   action items
//   checkout           pass        pass      pass (team)    pass (2 steps)  pass (on time) pass
//   payments           fail        fail      pass (team)    fail (1 step)   pass           pass
//   search             pass        pass      fail           fail (1 step)   fail (overdue) fail (P1 overdue)
//   recommendations    fail (none) pass      fail           fail (none)     pass           pass

export async function loadExtendedDemo(actor: Actor, nowMs = Date.now()): Promise<string> {
  assertAdmin(actor, "demo data");
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const x = await ids(tx);

      // (a)/(b) SLOs: signed with runbooks (checkout, search); payments: an alerting SLO without a runbook and one awaiting sign-off.
      const checkoutSlo = await slo(tx, x.checkout.id, "checkout-availability", {
        runbookUrl: "https://git.example.com/commerce/checkout/blob/main/RUNBOOK.md#5xx",
        objective: 0.999,
        sli: ratio("checkout"),
        signedBy: x.bob.id,
        nowMs,
      });
      await slo(tx, x.payments.id, "payments-availability", {
        runbookUrl: null,
        objective: 0.999,
        sli: ratio("payments"),
        signedBy: x.bob.id,
        nowMs,
      });
      await slo(tx, x.payments.id, "payments-latency", {
        runbookUrl: "https://git.example.com/commerce/payments/blob/main/RUNBOOK.md#latency",
        objective: 0.99,
        sli: {
          kind: "latency",
          metric: "http_request_duration_seconds",
          matchers: 'service="payments"',
          thresholdSeconds: 0.5,
        },
        signedBy: null,
        nowMs,
      });
      await slo(tx, x.search.id, "search-availability", {
        runbookUrl: "https://git.example.com/discovery/search/blob/main/RUNBOOK.md",
        objective: 0.995,
        sli: ratio("search"),
        signedBy: x.bob.id,
        nowMs,
      });

      // (c) The commerce team agreed its error-budget policy; discovery has none.
      await tx.budgetPolicy.upsert({
        where: { teamId: x.commerce.id },
        update: {},
        create: {
          teamId: x.commerce.id,
          atRiskBelow: 0.25,
          freezeAtOrBelow: 0,
          agreedBy: "Bob (manager), Commerce leads",
          agreedAt: new Date(nowMs - 40 * DAY),
          notes: "Frozen: only fixes and reliability work ship until the budget recovers.",
        },
      });

      // (d) Commerce: weekly Alice/Bob rotation, a two-step policy for checkout. Discovery: one step, search only.
      const layerStart = new Date(nowMs - 56 * DAY);
      const domain: Schedule = {
        timezone: "Europe/Berlin",
        layers: [
          {
            id: "demo-commerce-weekly",
            name: "Weekly",
            priority: 0,
            rotation: { unit: "week", every: 1 },
            handoffTime: "09:00",
            startMs: layerStart.getTime(),
            participants: [x.alice.id, x.bob.id],
          },
        ],
      };
      let schedule = await tx.schedule.findUnique({
        where: { teamId_name: { teamId: x.commerce.id, name: "Commerce primary" } },
      });
      if (!schedule) {
        schedule = await tx.schedule.create({
          data: {
            teamId: x.commerce.id,
            name: "Commerce primary",
            timezone: "Europe/Berlin",
            description: "Checkout and payments, weekly, hand-off Monday 09:00",
          },
        });
        await tx.scheduleLayer.create({
          data: {
            scheduleId: schedule.id,
            lineageId: "demo-commerce-weekly",
            name: "Weekly",
            rotationUnit: "week",
            handoffTime: "09:00",
            startAt: layerStart,
            participants: [x.alice.id, x.bob.id],
          },
        });
      }
      const policy = async (teamId: string, name: string, steps: object[][], serviceId: string) => {
        const p =
          (await tx.escalationPolicy.findUnique({ where: { teamId_name: { teamId, name } } })) ??
          (await tx.escalationPolicy.create({
            data: {
              teamId,
              name,
              steps: { create: steps.map((targets, i) => ({ position: i, delayMinutes: 15, targets })) },
            },
          }));
        await tx.service.update({ where: { id: serviceId }, data: { escalationPolicyId: p.id } });
        return p;
      };
      const commercePolicy = await policy(
        x.commerce.id,
        "Checkout escalation",
        [[{ kind: "schedule", scheduleId: schedule.id }], [{ kind: "user", userId: x.bob.id }]],
        x.checkout.id,
      );
      const discoveryPolicy = await policy(
        x.discovery.id,
        "Search escalation",
        [[{ kind: "user", userId: x.dana.id }]],
        x.search.id,
      );
      // One step: pages reach the commerce on-call (lib/services/demo-page.ts), the readiness check still fails.
      await policy(
        x.commerce.id,
        "Payments escalation",
        [[{ kind: "schedule", scheduleId: schedule.id }]],
        x.payments.id,
      );

      // (e) A SEV-2 on checkout with a postmortem published the next day; a SEV-2 on search twelve days ago, unpublished.
      const onTime = await incident(tx, {
        title: "Checkout 5xx after a bad deploy",
        severity: "SEV-2",
        teamId: x.commerce.id,
        serviceId: x.checkout.id,
        impactStartMs: nowMs - 6 * DAY - 2 * HOUR,
        resolvedMs: nowMs - 6 * DAY,
        summary: "A config change exhausted the connection pool; rolled back.",
      });
      if (onTime.created) {
        // The frozen impact is the traffic model's (lib/demo/traffic.ts): what "Compute impact" gives over the data.
        const endSec = Math.floor(nowMs / 1000);
        const [fromSec, toSec] = [endSec - 6 * 86_400 - 7_200, endSec - 6 * 86_400 - MITIGATED_BEFORE_RESOLVED]; // impact start → mitigation
        const hit = requestsBetween("checkout", endSec, fromSec, toSec);
        const budget = requestsBetween("checkout", endSec, toSec - 30 * 86_400, toSec).total * 0.001;
        const share = `${Math.round((hit.bad / budget) * 100)} %`;
        const pm = await tx.postmortem.create({
          data: {
            incidentId: onTime.row.id,
            status: "published",
            authorId: x.alice.id,
            publishedAt: new Date(nowMs - 5 * DAY),
            sections: {
              summary: "Pool exhaustion after a config change; 2 h of elevated 5xx.",
              rootCause: "A lowered pool size in the release config.",
              impact: `About ${share} of the monthly error budget of checkout-availability.`,
            },
          },
        });
        await tx.impactSnapshot.create({
          data: {
            postmortemId: pm.id,
            sloId: checkoutSlo.id,
            sloName: checkoutSlo.name,
            serviceSlug: "checkout",
            fromAt: new Date(fromSec * 1000),
            toAt: new Date(toSec * 1000),
            failed: hit.bad,
            total: hit.total,
            peakErrorRatio: 0.02,
            budgetConsumed: hit.bad / budget,
            queries: {},
            computedAt: new Date(nowMs - 5 * DAY),
            frozen: true,
          },
        });
        await actionItem(tx, {
          incidentId: onTime.row.id,
          serviceId: x.checkout.id,
          ownerId: x.alice.id,
          timezone: "Europe/Berlin",
          title: "Alert on connection-pool saturation",
          priority: "P1",
          type: "detect",
          dueMs: nowMs - 2 * DAY,
          status: "done",
          completedAt: new Date(nowMs - 3 * DAY),
        });
      }
      const late = await incident(tx, {
        title: "Search returns empty results",
        severity: "SEV-2",
        teamId: x.discovery.id,
        serviceId: x.search.id,
        impactStartMs: nowMs - 12 * DAY - 3 * HOUR,
        resolvedMs: nowMs - 12 * DAY,
        summary: "Index swap left an empty alias for 3 h.",
      });
      if (late.created) {
        await tx.postmortem.create({
          data: {
            incidentId: late.row.id,
            status: "draft",
            authorId: x.dana.id,
            sections: { summary: "Index alias pointed at an empty index." },
          },
        });
        const followUp = (item: { title: string; priority: string; type: string; dueMs: number; status?: string }) =>
          actionItem(tx, {
            incidentId: late.row.id,
            serviceId: x.search.id,
            ownerId: x.dana.id,
            timezone: "America/New_York",
            ...item,
          });
        // (f) a P1 follow-up past its due date
        await followUp({
          title: "Verify document count before swapping the index alias",
          priority: "P1",
          type: "prevent",
          dueMs: nowMs - 3 * DAY,
        });
        await followUp({
          title: "Runbook: restore the previous index",
          priority: "P2",
          type: "repair",
          dueMs: nowMs + 20 * DAY,
          status: "in_progress",
        });
      }
      // An ongoing SEV-3 for the home page.
      await incident(tx, {
        title: "Recommendations slow for logged-out users",
        severity: "SEV-3",
        teamId: x.discovery.id,
        serviceId: x.recommendations.id,
        impactStartMs: nowMs - 2 * HOUR,
        resolvedMs: null,
        summary: "",
      });

      // Pages: three resolved checkout pages through the commerce schedule (one at night), one open search page.
      let pages = 0;
      for (const [i, at] of [nowMs - 4 * DAY - 3 * HOUR, nowMs - 3 * DAY, nowMs - DAY - 5 * HOUR].entries()) {
        const userId = onCallAt({ schedule: domain, atMs: at })[0] ?? x.alice.id;
        const created = await page(tx, {
          groupKey: `demo-checkout-${i}`,
          service: x.checkout,
          policyId: commercePolicy.id,
          title: "CheckoutHighErrorRate",
          atMs: at,
          userId,
          notified: { scheduleIds: [schedule.id], bySchedule: { [schedule.id]: [userId] } },
          resolved: true,
        });
        if (created) pages += 1;
      }
      const searchPage = await page(tx, {
        groupKey: "demo-search-open",
        service: x.search,
        policyId: discoveryPolicy.id,
        title: "SearchLatencyHigh",
        atMs: nowMs - 20 * 60_000,
        userId: x.dana.id,
        notified: { scheduleIds: [], bySchedule: {} },
        resolved: false,
      });
      if (searchPage) pages += 1;
      await recordAudit(tx, actor, {
        action: "demo.load_extended",
        entityType: "demo",
        entityId: "demo-extended",
        after: { incidentsCreated: [onTime.created, late.created].filter(Boolean).length, pages },
      });
      return "readiness demo: SLOs (signed and unsigned), a budget policy, escalation policies, a schedule, incidents with an on-time and an overdue postmortem, action items, pages";
    },
    { timeout: 60_000 },
  );
}
