import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<number, BadgeTone> = { 1: "danger", 2: "warning", 3: "info", 4: "neutral" };
const meaning: Record<number, string> = {
  1: "Tier 1: customer-facing and critical",
  2: "Tier 2: important, degraded service is tolerable briefly",
  3: "Tier 3: internal or non-critical",
  4: "Tier 4: best effort",
};

/** Criticality tier; 1 is most critical. */
export function TierBadge({ tier }: { tier: number }) {
  return (
    <Badge tone={tones[tier] ?? "neutral"} title={meaning[tier]}>
      Tier {tier}
    </Badge>
  );
}
