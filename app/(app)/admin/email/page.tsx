import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { TestEmailButton } from "@/components/notify/test-email-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { emailStatus } from "@/lib/services/notify/email-admin";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "E-mail" };

// Whether outgoing e-mail works (SMTP_URL, SMTP_FROM), never showing the password, and a test e-mail.
export default async function EmailAdminPage() {
  const actor = await pageActor();
  const res = await load(() => emailStatus(actor));
  if (!res.ok) return <Forbidden title="E-mail" message={res.forbidden} />;
  const s = res.data;
  const last = s.lastTest;
  return (
    <>
      <PageHeader
        title="E-mail"
        description="Outgoing e-mail for pages, verification codes and shift reminders, set by SMTP_URL and SMTP_FROM (README, Configuration)."
      />
      <div className="grid-2">
        <Card title="SMTP">
          {s.configured ? (
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <Badge tone="success">configured</Badge>
              </dd>
              <dt>Server</dt>
              <dd>
                {s.host}:{s.port} {s.secure ? "(TLS)" : "(STARTTLS when offered)"}
              </dd>
              <dt>User</dt>
              <dd>
                {s.user ?? "none"}
                {s.passwordSet ? " · password set (not shown)" : ""}
              </dd>
              <dt>From</dt>
              <dd>{s.from}</dd>
            </dl>
          ) : (
            <Alert tone="warning" title="E-mail is not configured">
              Set SMTP_URL (e.g. smtp://user:pass@mail:587) and SMTP_FROM and restart. With docker compose, Mailpit is
              preconfigured: its inbox is at http://localhost:8025. E-mail contact methods receive nothing until then.
            </Alert>
          )}
        </Card>
        <Card title="Test e-mail">
          <TestEmailButton configured={s.configured} to={s.testRecipient} />
          {last ? (
            <p>
              Last test, queued <LocalTime iso={last.createdAt} />:{" "}
              <Badge tone={last.status === "sent" ? "success" : last.status === "failed" ? "danger" : "neutral"}>
                {last.status}
              </Badge>
              {last.sentAt ? (
                <>
                  {" "}
                  accepted by SMTP <LocalTime iso={last.sentAt} />
                </>
              ) : null}
              {last.lastError ? <> · {last.lastError}</> : null}
              {last.attempts > 1 ? <> · {last.attempts} attempts</> : null}
            </p>
          ) : (
            <p className="muted">No test e-mail sent yet.</p>
          )}
        </Card>
      </div>
    </>
  );
}
