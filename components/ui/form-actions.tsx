import type { ReactNode } from "react";
import { Button, LinkButton } from "./button";

type Props = {
  submitLabel: string;
  pending: boolean;
  /** Where Cancel leads (the page the form was opened from). */
  cancelHref: string;
  /** A note after the buttons. */
  children?: ReactNode;
};

/** The row under a page's form: the primary submit button, then Cancel as a link back. */
export function FormActions({ submitLabel, pending, cancelHref, children }: Props) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" pending={pending}>
        {submitLabel}
      </Button>
      <LinkButton href={cancelHref} variant="ghost">
        Cancel
      </LinkButton>
      {children}
    </div>
  );
}
