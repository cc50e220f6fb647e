import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CorrectionView } from "@/lib/services/slo/corrections-read";
import { apiFetch } from "./api";
import { sloKeys } from "./slos";

/** Browser side of SLO corrections: the list of one SLO and the mutations (create, sign off, reject, delete). */
export type { CorrectionView };

export const correctionKeys = { list: (sloId: string) => [...sloKeys.all, "corrections", sloId] as const };

export function useCorrections(sloId: string) {
  return useQuery({
    queryKey: correctionKeys.list(sloId),
    queryFn: () => apiFetch<{ items: CorrectionView[] }>(`/api/v1/slos/${sloId}/corrections`),
  });
}

export type CorrectionAction =
  | { kind: "create"; body: { startsAt: string; endsAt: string; category: string; reason: string } }
  | { kind: "approve" | "reject"; id: string; version: number; comment: string }
  | { kind: "delete"; id: string; version: number };

/** One mutation for every action; success refetches every SLO query (status, burndown, ledger, this list). */
export function useCorrectionAction(sloId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: CorrectionAction): Promise<CorrectionView | { deleted: string }> => {
      const base = `/api/v1/slos/${sloId}/corrections`;
      if (a.kind === "create") return apiFetch<CorrectionView>(base, { method: "POST", body: a.body });
      if (a.kind === "delete")
        return apiFetch<{ deleted: string }>(`${base}/${a.id}?version=${a.version}`, { method: "DELETE" });
      return apiFetch<CorrectionView>(`${base}/${a.id}/${a.kind}`, {
        method: "POST",
        body: { version: a.version, comment: a.comment },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sloKeys.all }),
  });
}
