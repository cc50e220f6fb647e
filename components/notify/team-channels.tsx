import { AddMethodForm } from "@/components/notify/add-method-form";
import { MethodItem, type MethodItemView } from "@/components/notify/method-item";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

// A team's notification channels on its page (admins): the same contact-method API as the profile
// (`/api/v1/me/contact-methods?teamId=`), so adding, verifying, testing and removing work alike. An
// escalation policy of the team can notify a verified channel when nobody acknowledges (its fallback).

export function TeamChannels({
  teamId,
  teamName,
  channels,
}: {
  teamId: string;
  teamName: string;
  channels: MethodItemView[];
}) {
  return (
    <Card title={`Notification channels (${channels.length})`} id="team-channels">
      <p className="field-hint">
        Chat rooms, webhooks or a mailing list of {teamName}. Each is verified with a code sent to it; an escalation
        policy of the team can then notify it when nobody acknowledges a page.
      </p>
      {channels.length === 0 ? (
        <EmptyState title="No notification channels yet">
          Add a Slack (or Mattermost, Rocket.Chat), Microsoft Teams, signed webhook or e-mail channel below; a code is
          sent to it to verify it.
        </EmptyState>
      ) : (
        <ul className="method-list" aria-label={`Notification channels of ${teamName}`}>
          {channels.map((c) => (
            <MethodItem key={c.id} method={c} audience="team" />
          ))}
        </ul>
      )}
      <h3>Add a channel</h3>
      <AddMethodForm teamId={teamId} />
    </Card>
  );
}
