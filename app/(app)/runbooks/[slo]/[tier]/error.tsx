"use client";
import { SegmentError } from "@/components/ui/segment-error";

export default function RunbookError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError error={error} retry={retry} title="Could not load this runbook" />;
}
