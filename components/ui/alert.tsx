import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "danger";

/** Inline banner. Errors are announced (role=alert); notices politely (role=status). */
export function Alert({ tone = "info", title, children }: { tone?: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "danger" ? "alert" : "status"}>
      {title ? <strong className="alert-title">{title}</strong> : null}
      {children ? <div>{children}</div> : null}
    </div>
  );
}
