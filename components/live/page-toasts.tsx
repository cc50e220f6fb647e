"use client";
import Link from "next/link";
import { useEffect, useState } from "react";

export type PageToast = {
  key: string;
  pageId: string;
  title: string;
  severity: string;
  status: string;
  service: string | null;
};

const canNotify = () => typeof window !== "undefined" && "Notification" in window;

/** Pages addressed to the viewer, as toasts (aria-live); a button asks once for desktop notifications. */
export function PageToasts({ toasts, dismiss }: { toasts: PageToast[]; dismiss: (key: string) => void }) {
  const [permission, setPermission] = useState<string>("unsupported");
  useEffect(() => setPermission(canNotify() ? Notification.permission : "unsupported"), []);
  return (
    <div className="toast-region" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.key} className={`toast toast-${t.severity === "page" ? "danger" : "warning"}`}>
          <div>
            <strong>{t.status === "triggered" ? "You are paged" : `Page ${t.status}`}</strong>
            {t.service ? <span className="muted"> · {t.service}</span> : null}
          </div>
          <div>{t.title}</div>
          <div className="row small">
            <Link href={`/oncall/pages/${t.pageId}`}>Open the page</Link>
            {permission === "default" ? (
              <button
                type="button"
                className="link-button"
                onClick={() => void Notification.requestPermission().then(setPermission)}
              >
                Get desktop notifications
              </button>
            ) : null}
            <button
              type="button"
              className="link-button"
              onClick={() => dismiss(t.key)}
              aria-label={`Dismiss: ${t.title}`}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/** A desktop notification when the viewer allowed them; clicking it opens the page. */
export function desktopNotify(t: PageToast) {
  if (!canNotify() || Notification.permission !== "granted") return;
  const n = new Notification(t.status === "triggered" ? `Paged: ${t.title}` : `Page ${t.status}: ${t.title}`, {
    body: [t.severity, t.service].filter(Boolean).join(" · "),
    tag: `page-${t.pageId}`,
  });
  n.onclick = () => {
    window.focus();
    window.location.assign(`/oncall/pages/${t.pageId}`);
  };
}
