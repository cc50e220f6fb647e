"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { queryKeys } from "@/lib/query/keys";

/** Delete with a confirmation dialog; back to the catalog afterwards. */
export function DeleteServiceButton({ slug, name }: { slug: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => apiFetch(`/api/v1/services/${slug}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.services.all });
      router.push("/services");
      router.refresh();
    },
  });
  return (
    <>
      <ConfirmButton
        label="Delete"
        title={`Delete ${name}?`}
        confirmLabel="Delete service"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      >
        <p>
          The service <code>{slug}</code> is removed from the catalog. The change is recorded in the audit log but
          cannot be undone here.
        </p>
      </ConfirmButton>
      {mutation.error ? <Alert tone="danger">{errorMessage(mutation.error)}</Alert> : null}
    </>
  );
}
