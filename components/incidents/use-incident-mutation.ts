"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/query/api";
import { incidentKeys } from "./api";

/**
 * A write against the incident API that refreshes everything shown for the incident afterwards
 * (incident, timeline, postmortem: one key family) and the server-rendered parts of the page.
 */
export function useIncidentMutation<TVars, TResult = unknown>(
  incidentId: string,
  request: (vars: TVars) => { path: string; method: string; body?: unknown },
  onDone?: (result: TResult) => void,
) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (vars: TVars) => {
      const { path, method, body } = request(vars);
      return apiFetch<TResult>(path, { method, body });
    },
    onSuccess: async (result) => {
      // Before the refetch: a form reset must not race with what the user types next.
      onDone?.(result);
      await queryClient.invalidateQueries({ queryKey: incidentKeys.incident(incidentId) });
      router.refresh();
    },
  });
}
