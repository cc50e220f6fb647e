import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { AddMethodForm } from "@/components/notify/add-method-form";
import { MethodItem } from "@/components/notify/method-item";
import { RulesForm } from "@/components/notify/rules-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listContactMethods } from "@/lib/services/notify/contact-methods";
import { getNotificationRules } from "@/lib/services/notify/rules";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Profile and notifications" };

// Where pages reach me: contact methods (add, verify, test, delete), rules and the shift reminder.
export default async function ProfilePage() {
  const actor = await pageActor();
  const res = await load(async () => ({
    methods: await listContactMethods(actor),
    rules: await getNotificationRules(actor),
  }));
  if (!res.ok) return <Forbidden title="Profile" message={res.forbidden} />;
  const { methods, rules } = res.data;
  return (
    <>
      <PageHeader
        title="Profile and notifications"
        description={`${actor.name} · ${actor.email}. Pages reach you through verified contact methods, following your rules.`}
      />
      <p>
        <Link href="/settings/tokens">API tokens</Link>
      </p>
      {rules.warning ? (
        <Alert tone="warning" title="Pages cannot reach you">
          {rules.warning}
        </Alert>
      ) : null}
      <div className="grid-2">
        <Card title="Contact methods">
          {methods.length === 0 ? (
            <EmptyState title="No contact methods yet">
              Add an e-mail address or a chat webhook; you will get a code to verify it.
            </EmptyState>
          ) : (
            <ul className="method-list">
              {methods.map((m) => (
                <MethodItem key={m.id} method={m} />
              ))}
            </ul>
          )}
        </Card>
        <Card title="Add a contact method">
          <AddMethodForm />
        </Card>
      </div>
      <Card title="Notification rules">
        <p className="field-hint">
          A page reaches you now through:{" "}
          {rules.effective.length
            ? rules.effective.map((e) => `${e.name} at ${e.delayMinutes} min`).join(", ")
            : "nothing (no verified method)"}
          .
        </p>
        <RulesForm
          methods={methods.map((m) => ({ id: m.id, name: m.name, verified: m.verified }))}
          rules={rules.rules}
          shiftReminderMinutes={rules.shiftReminderMinutes}
        />
      </Card>
    </>
  );
}
