import type { BadgeTone } from "@/components/ui/badge";

/** Badge tone of a page status (the text of the badge carries the meaning). */
export const PAGE_STATUS_TONE: Record<string, BadgeTone> = {
  triggered: "danger",
  acknowledged: "warning",
  resolved: "success",
};
