"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { apiFetch, errorMessage } from "@/lib/query/api";

/** Removes a service's own budget policy (with confirmation), so the team default applies again. */
export function RemovePolicyButton({ slug, teamName }: { slug: string; teamName: string }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => apiFetch(`/api/v1/services/${slug}/policy`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      <ConfirmButton
        label="Use the team default"
        variant="secondary"
        size="sm"
        title="Remove this service's own policy?"
        confirmLabel="Remove own policy"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      >
        <p>
          The default policy of team {teamName} applies to <code>{slug}</code> again. The change is audited.
        </p>
      </ConfirmButton>
      {mutation.error ? <Alert tone="danger">{errorMessage(mutation.error)}</Alert> : null}
    </>
  );
}
