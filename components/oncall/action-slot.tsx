import type { ReactNode } from "react";
import { errorMessage } from "@/lib/query/api";

/** A control that calls the API, with the call's error (if any) announced right after it. */
export function ActionSlot({ error, children }: { error: unknown; children: ReactNode }) {
  return (
    <span className="oc-action">
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {errorMessage(error)}
        </span>
      ) : null}
    </span>
  );
}
