import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { sessionActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { oncallForService } from "@/lib/services/oncall/service-oncall";

/**
 * "Who is on call now" for a service: the people step 1 of the service's escalation policy pages right
 * now (named users, and whoever is on call in its schedules). A server component: embed it in any server
 * page, e.g. <OncallNow serviceSlug={service.slug} />.
 */
export async function OncallNow({ serviceSlug }: { serviceSlug: string }) {
  const actor = await sessionActor();
  if (!actor) return null;
  let data: Awaited<ReturnType<typeof oncallForService>>;
  try {
    data = await oncallForService(actor, serviceSlug);
  } catch (err) {
    if (isAppError(err) && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN"))
      return <p className="muted">{err.message}</p>;
    throw err;
  }
  if (!data.policy || !data.step) {
    return (
      <EmptyState
        title="Nobody is paged for this service"
        action={
          <LinkButton href="/oncall/policies" size="sm">
            Escalation policies
          </LinkButton>
        }
      >
        Give it an escalation policy so alerts reach the person on call.
      </EmptyState>
    );
  }
  const { step, policy } = data;
  return (
    <div className="oc-now" data-testid="oncall-now">
      {step.users.length ? (
        <ul className="oc-now-people">
          {step.users.map((u) => (
            <li key={u.id}>
              <strong>{u.name}</strong> <span className="muted small">{u.email}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-error">Nobody is on call at step 1 right now: pages go straight to the next step.</p>
      )}
      <ul className="oc-now-targets small muted">
        {step.targets.map((t, i) =>
          t.kind === "schedule" ? (
            <li key={i}>
              via <Link href={`/oncall/schedules/${t.schedule.id}`}>{t.schedule.name}</Link>
              {t.until ? (
                <>
                  {" "}
                  until <LocalTime iso={t.until} />
                </>
              ) : null}
            </li>
          ) : (
            <li key={i}>named directly: {t.user.name}</li>
          ),
        )}
      </ul>
      <p className="small muted">
        Policy <Link href={`/oncall/policies/${policy.id}`}>{policy.name}</Link>; escalates after {step.delayMinutes}{" "}
        min without acknowledgement.
      </p>
    </div>
  );
}
