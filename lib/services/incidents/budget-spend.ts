import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { parseBudgetTriggerColumn, setBudgetTrigger } from "@/lib/db/repos/postmortems";
import {
  budgetTrigger,
  DEFAULT_POSTMORTEM_BUDGET_SHARE,
  hasBudgetTriggerActionItem,
  type BudgetTrigger,
} from "@/lib/postmortem";
import { windowBounds, type SloWindow } from "@/lib/slo";
import type { IncidentBudgetView } from "@/lib/validation/views/incidents";
import { recordAudit } from "../audit";
import { effectivePolicies } from "../policy-effective";
import { computeLedger } from "../slo/ledger";
import { loadSloDefs, type SloDef } from "../slo/store";
import { SYSTEM_ACTOR } from "../system-actor";
import { incidentScope } from "./access";
import { impactWindow } from "./impact";
import { refreshPostmortemDue } from "./view";

// What an incident spent of each affected SLO's budget ("this incident spent 38 % of checkout's 30-day
// budget"), and the budget-policy trigger that follows from it. The share is the incident's bad events
// over its whole impact window divided by the allowed bad events of the SLO window ending at the impact's
// end — exact counts through the ledger (lib/services/slo/ledger.ts, corrections applied), so the number
// matches the incident's row on the SLO page (unless another incident started earlier and overlaps it).
// Evaluating stores the trigger on the postmortem (Postmortem.budgetTrigger, audited as system when it
// changes) and recomputes the due date: a triggered SEV-3 postmortem becomes required (10 business days).
// A published postmortem is frozen: its trigger is not changed any more.

const windowLabel = (w: SloWindow) =>
  w.kind === "rolling" ? `${w.days}-day` : w.unit === "month" ? "monthly" : "weekly";

async function spendOf(def: SloDef, incidentId: string, win: { fromMs: number; toMs: number }, nowMs: number) {
  const windowStartMs = windowBounds(def.version.window, win.toMs).startMs;
  const fromMs = Math.max(win.fromMs, windowStartMs);
  const ledger = await computeLedger(def, {
    fromMs: windowStartMs,
    toMs: win.toMs,
    incidents: [{ key: incidentId, startMs: fromMs, endMs: win.toMs }],
    deploys: [],
    realNowMs: nowMs,
  });
  const part = ledger.parts.find((p) => p.kind === "incident")!;
  return {
    bad: part.bad,
    total: part.total,
    allowedBadEvents: ledger.allowedBadEvents,
    consumed: part.consumed,
    windowFrom: new Date(windowStartMs).toISOString(),
  };
}

/** Computes each affected SLO's spend, stores the trigger when it changed, and returns both. */
export async function evaluateIncidentBudget(
  incidentId: string,
  nowMs = Date.now(),
): Promise<Omit<IncidentBudgetView, "incident">> {
  const db = await getDb();
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      id: true,
      impactStartAt: true,
      detectedAt: true,
      mitigatedAt: true,
      resolvedAt: true,
      services: { select: { serviceId: true } },
      postmortem: { select: { id: true, status: true, budgetTrigger: true } },
      actionItems: { select: { priority: true, status: true } },
    },
  });
  const stored = incident.postmortem
    ? parseBudgetTriggerColumn(incident.postmortem.id, incident.postmortem.budgetTrigger)
    : null;
  const base = { trigger: stored, actionItemMet: hasBudgetTriggerActionItem(incident.actionItems) };
  if (!(incident.impactStartAt ?? incident.detectedAt))
    return { ...base, window: null, items: [], unavailable: null as string | null };
  const win = impactWindow(incident, nowMs);
  const serviceIds = incident.services.map((s) => s.serviceId);
  const [defs, policies] = await Promise.all([loadSloDefs(), effectivePolicies(serviceIds)]);
  const mine = defs.filter((d) => serviceIds.includes(d.service.id) && d.version.status === "active");
  let unavailable: string | null = null;
  const items = await Promise.all(
    mine.map(async (def) => {
      // the service's own policy, else its team's, else the default 20 %
      const threshold = policies.get(def.service.id)?.postmortemAbove ?? DEFAULT_POSTMORTEM_BUDGET_SHARE;
      const head = {
        sloId: def.id,
        sloName: def.name,
        service: def.service.slug,
        window: windowLabel(def.version.window),
        threshold,
      };
      try {
        const s = await spendOf(def, incident.id, win, nowMs);
        return { ...head, ...s, aboveThreshold: s.consumed !== null && s.consumed > threshold };
      } catch (err) {
        if (!(err instanceof AppError && err.code === "UPSTREAM_UNAVAILABLE")) throw err;
        unavailable = err.message;
        return {
          ...head,
          bad: null,
          total: null,
          allowedBadEvents: null,
          consumed: null,
          windowFrom: null,
          aboveThreshold: false,
        };
      }
    }),
  );
  const window = {
    from: new Date(win.fromMs).toISOString(),
    to: new Date(win.toMs).toISOString(),
    ongoing: win.ongoing,
  };
  // An unanswered SLO could be the one above the threshold: keep what was stored.
  if (unavailable !== null || !incident.postmortem || incident.postmortem.status === "published")
    return { ...base, window, items, unavailable };
  const fired = [...new Set(items.map((i) => i.threshold))]
    .map((t) =>
      budgetTrigger(
        items.filter((i) => i.threshold === t),
        t,
      ),
    )
    .filter((t): t is BudgetTrigger => t !== null);
  const trigger: BudgetTrigger | null = fired.length
    ? {
        threshold: Math.min(...fired.map((f) => f.threshold)),
        slos: fired.flatMap((f) => f.slos).sort((a, b) => b.consumed - a.consumed),
      }
    : null;
  const key = (t: BudgetTrigger | null) =>
    t
      ? `${t.threshold}|${t.slos
          .map((s) => s.sloId)
          .sort()
          .join(",")}`
      : "";
  if (key(trigger) !== key(stored)) {
    const pmId = incident.postmortem.id;
    await db.$transaction(async (tx) => {
      await setBudgetTrigger(tx, pmId, trigger, new Date(nowMs));
      await refreshPostmortemDue(tx, incident.id);
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "postmortem.budget_trigger",
        entityType: "postmortem",
        entityId: pmId,
        before: stored,
        after: trigger,
      });
    });
  }
  return { ...base, trigger, window, items, unavailable };
}

/** GET /api/v1/incidents/{id}/budget: any reader; evaluating keeps the stored trigger current. */
export async function incidentBudgetSpend(actor: Actor, ref: string, nowMs = Date.now()): Promise<IncidentBudgetView> {
  assertCanRead(actor);
  const db = await getDb();
  const { id, number } = await incidentScope(db, ref);
  return { incident: `INC-${number}`, ...(await evaluateIncidentBudget(id, nowMs)) };
}
