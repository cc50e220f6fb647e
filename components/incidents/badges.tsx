import { Badge, type BadgeTone } from "@/components/ui/badge";

const SEVERITY_TONE: Record<string, BadgeTone> = { "SEV-1": "danger", "SEV-2": "warning", "SEV-3": "info" };
const STATUS_TONE: Record<string, BadgeTone> = { investigating: "danger", mitigated: "warning", resolved: "success" };
const PM_TONE: Record<string, BadgeTone> = {
  draft: "neutral",
  in_review: "info",
  changes_requested: "warning",
  approved: "success",
  published: "success",
};
const PRIORITY_TONE: Record<string, BadgeTone> = { P0: "danger", P1: "warning", P2: "info", P3: "neutral" };
const ITEM_TONE: Record<string, BadgeTone> = {
  open: "neutral",
  in_progress: "info",
  done: "success",
  wont_do: "neutral",
};

export const label = (s: string) => s.replace(/_/g, " ");

export const SeverityBadge = ({ severity, title }: { severity: string; title?: string }) => (
  <Badge tone={SEVERITY_TONE[severity] ?? "neutral"} title={title}>
    {severity}
  </Badge>
);
export const IncidentStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={STATUS_TONE[status] ?? "neutral"}>{status}</Badge>
);
export const PostmortemStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={PM_TONE[status] ?? "neutral"}>{label(status)}</Badge>
);
export const PriorityBadge = ({ priority }: { priority: string }) => (
  <Badge tone={PRIORITY_TONE[priority] ?? "neutral"}>{priority}</Badge>
);
export const ActionStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={ITEM_TONE[status] ?? "neutral"}>{label(status)}</Badge>
);
export const OverdueBadge = () => <Badge tone="danger">overdue</Badge>;
