"use client";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { ButtonVariant } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ActionSlot } from "./action-slot";
import { useApiAction } from "./use-action";

/** An API call behind a confirmation dialog; optionally navigates away, or hands the answer on, afterwards. */
export function ConfirmAction<T = unknown>({
  method = "DELETE",
  path,
  label,
  title,
  confirmLabel,
  body,
  redirectTo,
  onDone,
  variant,
  size = "md",
}: {
  method?: string;
  path: string;
  label: string;
  title: string;
  confirmLabel: string;
  /** What the dialog says the call does. */
  body: ReactNode;
  redirectTo?: string;
  onDone?: (data: T) => void;
  /** The opening button's look; destructive (danger) unless said. */
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const action = useApiAction<T>(method, path, (data) => {
    onDone?.(data);
    if (redirectTo) router.push(redirectTo);
  });
  return (
    <ActionSlot error={action.error}>
      <ConfirmButton
        label={label}
        title={title}
        confirmLabel={confirmLabel}
        onConfirm={() => action.mutate(undefined)}
        pending={action.isPending}
        variant={variant}
        size={size}
      >
        {body}
      </ConfirmButton>
    </ActionSlot>
  );
}
