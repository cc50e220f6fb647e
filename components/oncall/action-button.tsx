"use client";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { errorMessage } from "@/lib/query/api";
import { useApiAction } from "./use-action";

/** One API call behind a button (acknowledge, accept, cancel…); the error, if any, is shown next to it. */
export function ActionButton({
  method = "POST",
  path,
  label,
  variant = "secondary",
  size = "sm",
}: {
  method?: string;
  path: string;
  label: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const action = useApiAction(method, path);
  return (
    <span className="oc-action">
      <Button variant={variant} size={size} pending={action.isPending} onClick={() => action.mutate(undefined)}>
        {label}
      </Button>
      {action.error ? (
        <span className="field-error" role="alert">
          {errorMessage(action.error)}
        </span>
      ) : null}
    </span>
  );
}
