import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
type Size = "sm" | "md";

const cls = (variant: ButtonVariant, size: Size, extra?: string) =>
  ["btn", `btn-${variant}`, size === "sm" ? "btn-sm" : "", extra ?? ""].filter(Boolean).join(" ");

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: Size;
  pending?: boolean;
};

/** A button; `pending` disables it and marks it busy (submit in flight). */
export function Button({
  variant = "secondary",
  size = "md",
  pending,
  disabled,
  className,
  type = "button",
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={cls(variant, size, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

type LinkButtonProps = { href: string; variant?: ButtonVariant; size?: Size; children: ReactNode; className?: string };

/** A link styled as a button (navigation, not an action). */
export function LinkButton({ href, variant = "secondary", size = "md", children, className }: LinkButtonProps) {
  return (
    <Link href={href} className={cls(variant, size, className)}>
      {children}
    </Link>
  );
}
