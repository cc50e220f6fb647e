"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { queryKeys } from "@/lib/query/keys";

/** Revokes a token after confirmation; clients using it get 401 from then on. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => apiFetch(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens.all });
      router.refresh();
    },
  });
  return (
    <span className="row">
      <ConfirmButton
        label="Revoke"
        size="sm"
        title={`Revoke token "${name}"?`}
        confirmLabel="Revoke token"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      >
        <p>Anything still using this token will be refused from now on.</p>
      </ConfirmButton>
      {mutation.error ? (
        <span className="field-error" role="alert">
          {errorMessage(mutation.error)}
        </span>
      ) : null}
    </span>
  );
}
