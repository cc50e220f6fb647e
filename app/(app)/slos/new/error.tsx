"use client";
import { SegmentError } from "@/components/ui/segment-error";

export default function NewSloError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError error={error} retry={retry} title="Could not open the SLO wizard" />;
}
