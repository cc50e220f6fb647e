import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

type Props = {
  /** The form points at it with aria-describedby. */
  id: string;
  /** A 409 (someone else saved first): a warning with a Reload button instead of an error. */
  conflict: boolean;
  /** Focusable (tabIndex -1), for a form that moves focus to it on a failed submit. */
  focusable?: boolean;
  children: ReactNode;
};

/** The banner above a form's fields saying why it was not saved. */
export function FormBanner({ id, conflict, focusable, children }: Props) {
  return (
    <div id={id} tabIndex={focusable ? -1 : undefined}>
      <Alert tone={conflict ? "warning" : "danger"} title={conflict ? "Changed by someone else" : undefined}>
        {children}
        {conflict ? (
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
        ) : null}
      </Alert>
    </div>
  );
}
