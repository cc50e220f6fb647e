"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { sloKeys } from "@/lib/query/slos";

/** Deletes an SLO (and its versions and rollups) after a confirmation dialog. */
export function DeleteSloButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => apiFetch(`/api/v1/slos/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sloKeys.all });
      router.push("/slos");
      router.refresh();
    },
  });
  return (
    <>
      <ConfirmButton
        label="Delete"
        title={`Delete the SLO ${name}?`}
        confirmLabel="Delete SLO"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      >
        <p>Its versions, history and generated rules go with it. The deletion is recorded in the audit log.</p>
      </ConfirmButton>
      {mutation.error ? <Alert tone="danger">{errorMessage(mutation.error)}</Alert> : null}
    </>
  );
}
