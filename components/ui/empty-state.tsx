import type { ReactNode } from "react";

/** Shown instead of an empty table: what is missing, why it matters, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <svg className="empty-icon" viewBox="0 0 24 24" aria-hidden="true" width="28" height="28">
        <rect x="3.5" y="5" width="17" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M3.5 9.5h17" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <h2>{title}</h2>
      {children ? <div className="empty-text">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
