import { Badge, type BadgeTone } from "@/components/ui/badge";

export type PolicyStateName = "healthy" | "at_risk" | "frozen" | "no_data";

const LABEL: Record<PolicyStateName, string> = {
  healthy: "Healthy",
  at_risk: "At risk",
  frozen: "Frozen",
  no_data: "No data",
};
const TONE: Record<PolicyStateName, BadgeTone> = {
  healthy: "success",
  at_risk: "warning",
  frozen: "danger",
  no_data: "neutral",
};

/** Error-budget policy state of a service (healthy / at risk / frozen / no data); reasons go in the tooltip. */
export function PolicyStateBadge({ state, reasons }: { state: PolicyStateName; reasons?: string[] }) {
  return (
    <Badge tone={TONE[state]} title={reasons?.length ? reasons.join("\n") : undefined}>
      {LABEL[state]}
    </Badge>
  );
}
