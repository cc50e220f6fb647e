"use client";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ActionSlot } from "./action-slot";
import { useApiAction } from "./use-action";

/** One API call behind a button (acknowledge, accept, cancel…); the error, if any, is shown next to it. */
export function ActionButton({
  method = "POST",
  path,
  body,
  label,
  variant = "secondary",
  size = "sm",
}: {
  method?: string;
  path: string;
  /** The request body, if the call takes one. */
  body?: unknown;
  label: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const action = useApiAction(method, path);
  return (
    <ActionSlot error={action.error}>
      <Button variant={variant} size={size} pending={action.isPending} onClick={() => action.mutate(body)}>
        {label}
      </Button>
    </ActionSlot>
  );
}
