import { burnRateAlerts, parseDuration } from "@/lib/slo";
import { DEMO_TRAFFIC, burnRate } from "./traffic";

// When the demo's payments fast burn pages: the first minute after the burn starts at which the
// page-fast tier (1 h and 5 m burn rates both ≥ its factor for a 30-day window) holds, plus the tier's
// `for:` — the instant a real Prometheus rule evaluating the model's counters would have fired.

const THIRTY_DAYS = 30 * 86_400;
export const DEMO_PAGE_OBJECTIVE = 0.999; // payments-availability

export function demoPageOpensAt(endSec: number): { atSec: number; factor: number; alert: string } {
  const tier = burnRateAlerts(THIRTY_DAYS).find((a) => a.name === "page-fast")!;
  const burn = DEMO_TRAFFIC.payments.phases.find((p) => p.toAgo === 0)!;
  const [long, short] = [parseDuration(tier.longWindow), parseDuration(tier.shortWindow)];
  for (let t = endSec - burn.fromAgo; t <= endSec; t += 60) {
    const holds =
      burnRate("payments", DEMO_PAGE_OBJECTIVE, endSec, long, t) >= tier.factor &&
      burnRate("payments", DEMO_PAGE_OBJECTIVE, endSec, short, t) >= tier.factor;
    if (holds) return { atSec: t + parseDuration(tier.for), factor: tier.factor, alert: tier.name };
  }
  throw new RangeError("the demo's fast burn never reaches the page-fast factor");
}
