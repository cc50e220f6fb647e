"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch, errorMessage } from "@/lib/query/api";

/**
 * Queues a test e-mail to the admin's own address; the page refreshes once a few seconds later to
 * show what the worker did (sent, or the SMTP error), and there is a button to look again.
 */
export function TestEmailButton({ configured, to }: { configured: boolean; to: string }) {
  const router = useRouter();
  const send = useMutation({
    mutationFn: () => apiFetch<{ to: string }>("/api/v1/admin/email/test", { method: "POST" }),
  });
  useEffect(() => {
    if (!send.isSuccess) return;
    const t = setTimeout(() => router.refresh(), 5000);
    return () => clearTimeout(t);
  }, [send.isSuccess, router]);
  return (
    <div className="stack">
      {send.isSuccess ? (
        <p role="status" className="field-hint">
          Test e-mail queued for {send.data.to}; its result appears below.
        </p>
      ) : null}
      {send.error ? <Alert tone="danger">{errorMessage(send.error)}</Alert> : null}
      <div className="form-actions">
        <Button variant="primary" onClick={() => send.mutate()} pending={send.isPending} disabled={!configured}>
          Send a test e-mail to {to}
        </Button>
        <Button onClick={() => router.refresh()}>Refresh status</Button>
      </div>
    </div>
  );
}
