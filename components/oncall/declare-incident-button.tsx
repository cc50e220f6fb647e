"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SEVERITIES } from "@/lib/postmortem";
import { apiFetch } from "@/lib/query/api";
import { ActionSlot } from "./action-slot";

/**
 * "Declare incident" on an on-call page: escalates the page through POST /api/v1/incidents/from-page/{id}
 * (the page's service, title, opening and acknowledgement carry over; the page is linked) and opens the
 * new incident. The API's error (e.g. a page without a service, or one already escalated) is shown inline.
 */
export function DeclareIncidentButton({ pageId }: { pageId: string }) {
  const router = useRouter();
  const selectId = useId();
  const [severity, setSeverity] = useState<string>("SEV-2");
  const declare = useMutation({
    mutationFn: () =>
      apiFetch<{ number: number }>(`/api/v1/incidents/from-page/${encodeURIComponent(pageId)}`, {
        method: "POST",
        body: { severity },
      }),
    onSuccess: (incident) => router.push(`/incidents/${incident.number}`),
  });
  return (
    <ActionSlot error={declare.error}>
      <label htmlFor={selectId} className="sr-only">
        Severity
      </label>
      <select id={selectId} value={severity} onChange={(e) => setSeverity(e.target.value)} disabled={declare.isPending}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <Button size="md" variant="primary" pending={declare.isPending} onClick={() => declare.mutate()}>
        Declare incident
      </Button>
    </ActionSlot>
  );
}
