"use client";
import { useId, useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

type Props = {
  /** Text of the button that opens the dialog, e.g. "Delete". */
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: ButtonVariant;
  size?: "sm" | "md";
};

/**
 * A destructive action behind a modal <dialog> (focus is trapped and Escape cancels), rather than
 * window.confirm, which automation dismisses silently and which cannot be styled.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
  variant = "danger",
  size = "md",
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant={variant} size={size} pending={pending} onClick={() => ref.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={ref} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        {children ? <div className="dialog-body">{children}</div> : null}
        <div className="dialog-actions">
          <Button onClick={() => ref.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              ref.current?.close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
