"use client";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { errorMessage } from "@/lib/query/api";
import { useApiAction } from "./use-action";

/** A destructive API call behind a confirmation dialog; optionally navigates away afterwards. */
export function ConfirmAction({
  method = "DELETE",
  path,
  label,
  title,
  confirmLabel,
  body,
  redirectTo,
  size = "md",
}: {
  method?: string;
  path: string;
  label: string;
  title: string;
  confirmLabel: string;
  body: string;
  redirectTo?: string;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const action = useApiAction(method, path, () => {
    if (redirectTo) router.push(redirectTo);
  });
  return (
    <span className="oc-action">
      <ConfirmButton
        label={label}
        title={title}
        confirmLabel={confirmLabel}
        onConfirm={() => action.mutate(undefined)}
        pending={action.isPending}
        size={size}
      >
        {body}
      </ConfirmButton>
      {action.error ? (
        <span className="field-error" role="alert">
          {errorMessage(action.error)}
        </span>
      ) : null}
    </span>
  );
}
