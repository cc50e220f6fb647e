import type { Metadata } from "next";
import { DateTime } from "luxon";
import { Forbidden } from "@/components/forbidden";
import { ActionButton } from "@/components/oncall/action-button";
import { ConfirmAction } from "@/components/oncall/confirm-action";
import { CoverRequestForm } from "@/components/oncall/cover-request-form";
import { FeedButton } from "@/components/oncall/feed-button";
import { formatAt, formatDuration, formatRange, formatShort, toLocalInput } from "@/components/oncall/format";
import { HandoffNoteForm } from "@/components/oncall/handoff-note-form";
import { OverrideForm } from "@/components/oncall/override-form";
import { ScheduleTimeline } from "@/components/oncall/timeline";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ActionsTh, Table, Td, Th } from "@/components/ui/table";
import { atLeast, inTeam } from "@/lib/auth/permissions";
import { listCoverRequests } from "@/lib/services/oncall/cover-requests";
import { listHandoffNotes } from "@/lib/services/oncall/handoff-notes";
import { listOverrides } from "@/lib/services/oncall/overrides";
import { getSchedule } from "@/lib/services/oncall/schedules";
import { scheduleShifts } from "@/lib/services/oncall/timeline";
import type { LayerView } from "@/lib/validation/views/oncall";
import { teamMembers } from "../../_lib/data";
import { load } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Schedule" };

const DAY = 86_400_000;
const RESTRICTION_DAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function describeRestrictions(r: LayerView["restrictions"]): string {
  if (!r) return "around the clock";
  return r.windows
    .map((w) =>
      w.fromDay
        ? `${RESTRICTION_DAYS[w.fromDay]} ${w.from}–${w.toDay && w.toDay !== w.fromDay ? `${RESTRICTION_DAYS[w.toDay]} ` : ""}${w.to}`
        : `${w.from}–${w.to}`,
    )
    .join(", ");
}

export default async function SchedulePage({ params }: Props) {
  const { id } = await params;
  const actor = await pageActor();
  const nowMs = Date.now();
  const res = await load(async () => {
    const schedule = await getSchedule(actor, id, nowMs);
    const from = DateTime.fromMillis(nowMs, { zone: schedule.timezone }).startOf("day");
    const [shifts, overrides, covers, notes, members] = await Promise.all([
      scheduleShifts(actor, id, { from: from.toJSDate(), to: from.plus({ days: 14 }).toJSDate() }),
      listOverrides(actor, id, { includeCancelled: false }),
      listCoverRequests(actor, id, { status: "open" }),
      listHandoffNotes(actor, id, {}),
      teamMembers(actor, schedule.team.slug),
    ]);
    return { schedule, shifts, overrides, covers, notes, members };
  });
  if (!res.ok) return <Forbidden title="Schedule" message={res.forbidden} />;
  const { schedule: s, shifts, overrides, covers, notes, members } = res.data;
  const tz = s.timezone;
  const canEdit = atLeast(actor, "editor") && inTeam(actor, s.team.id);
  const member = inTeam(actor, s.team.id);
  const onCallNow = s.onCallNow.users.some((u) => u.id === actor.userId);
  const inAnHour = Math.ceil(nowMs / 3_600_000) * 3_600_000;
  const defaults = { start: toLocalInput(new Date(inAnHour), tz), end: toLocalInput(new Date(inAnHour + DAY), tz) };

  return (
    <>
      <PageHeader
        title={s.name}
        crumbs={[{ href: "/oncall", label: "On-call" }]}
        description={
          <>
            Team {s.team.name} · times in <strong>{tz}</strong>
            {s.description ? ` · ${s.description}` : ""}
          </>
        }
        actions={
          canEdit ? (
            <>
              <LinkButton href={`/oncall/schedules/${s.id}/edit`}>Edit schedule</LinkButton>
              <ConfirmAction
                path={`/api/v1/schedules/${s.id}`}
                label="Delete"
                title={`Delete ${s.name}?`}
                confirmLabel="Delete schedule"
                body="The schedule, its overrides, handoff notes and recorded history are deleted. Escalation policies must not target it any more."
                redirectTo="/oncall"
              />
            </>
          ) : null
        }
      />
      <div className="grid-2">
        <div className="stack">
          <Card title="Next 14 days" id="timeline">
            {s.layers.length === 0 ? (
              <EmptyState
                title="No layers yet"
                action={
                  canEdit ? (
                    <LinkButton href={`/oncall/schedules/${s.id}/edit`} variant="primary">
                      Add a layer
                    </LinkButton>
                  ) : null
                }
              >
                A layer is a rotation of people taking turns. Add one to put someone on call.
              </EmptyState>
            ) : null}
            <ScheduleTimeline data={shifts} tz={tz} nowIso={new Date(nowMs).toISOString()} />
            <details className="oc-shift-list">
              <summary>
                Final schedule as a list ({shifts.shifts.length} shifts, {shifts.gaps.length} gaps)
              </summary>
              <Table caption="Final schedule, next 14 days">
                <thead>
                  <tr>
                    <Th>Who</Th>
                    <Th>From</Th>
                    <Th>Until</Th>
                    <Th>Length</Th>
                  </tr>
                </thead>
                <tbody>
                  {[
                    ...shifts.shifts.map((x) => ({ who: x.user.name, start: x.start, end: x.end, gap: false })),
                    ...shifts.gaps.map((g) => ({ who: "Nobody", start: g.start, end: g.end, gap: true })),
                  ]
                    .sort((a, b) => a.start.localeCompare(b.start))
                    .map((x, i) => (
                      <tr key={i}>
                        <Td>{x.gap ? <Badge tone="danger">gap</Badge> : x.who}</Td>
                        <Td className="nowrap">{formatShort(x.start, tz)}</Td>
                        <Td className="nowrap">{formatShort(x.end, tz)}</Td>
                        <Td className="nowrap">{formatDuration(Date.parse(x.end) - Date.parse(x.start))}</Td>
                      </tr>
                    ))}
                </tbody>
              </Table>
            </details>
          </Card>

          <Card title="Overrides" id="overrides">
            {overrides.items.length === 0 ? (
              <p className="muted">No current or upcoming overrides.</p>
            ) : (
              <Table caption="Overrides">
                <thead>
                  <tr>
                    <Th>Change</Th>
                    <Th>When</Th>
                    <Th>Reason</Th>
                    <ActionsTh />
                  </tr>
                </thead>
                <tbody>
                  {overrides.items.map((o) => (
                    <tr key={o.id}>
                      <Td>
                        {o.kind === "replace"
                          ? `${o.user.name} instead of ${o.replaces?.name ?? "everyone"}`
                          : o.kind === "add"
                            ? `${o.user.name} added`
                            : `${o.user.name} taken off`}
                        {o.noOp ? (
                          <>
                            {" "}
                            <Badge tone="warning" title="The person replaced is not on call then">
                              changes nothing
                            </Badge>
                          </>
                        ) : null}
                        {o.source === "cover" ? (
                          <>
                            {" "}
                            <Badge tone="info">cover</Badge>
                          </>
                        ) : null}
                      </Td>
                      <Td className="nowrap">{formatRange(o.startAt, o.endAt, tz)}</Td>
                      <Td>{o.reason || <span className="muted">—</span>}</Td>
                      <Td>
                        {canEdit ? (
                          <ActionButton
                            method="DELETE"
                            path={`/api/v1/schedules/${s.id}/overrides/${o.id}`}
                            label={new Date(o.startAt).getTime() > nowMs ? "Cancel" : "End now"}
                          />
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {/* Overrides and accepting cover change who is on call: editors of the team only (docs/security.md). */}
            {canEdit ? (
              <details className="oc-form-toggle">
                <summary>Create an override</summary>
                <OverrideForm
                  scheduleId={s.id}
                  tz={tz}
                  members={members}
                  defaultUserId={actor.userId}
                  defaultStart={defaults.start}
                  defaultEnd={defaults.end}
                />
              </details>
            ) : null}
          </Card>

          <Card title="Cover requests" id="covers">
            {covers.items.length === 0 ? (
              <p className="muted">No open cover requests.</p>
            ) : (
              <ul className="inc-list">
                {covers.items.map((c) => (
                  <li key={c.id} className="row">
                    <strong>{c.requester.name}</strong>
                    <span>needs cover {formatRange(c.startAt, c.endAt, tz)}</span>
                    {c.message ? <span className="muted">“{c.message}”</span> : null}
                    {canEdit && c.requester.id !== actor.userId ? (
                      <ActionButton
                        variant="primary"
                        path={`/api/v1/schedules/${s.id}/cover-requests/${c.id}/accept`}
                        label="I'll cover"
                      />
                    ) : null}
                    {c.requester.id === actor.userId || canEdit ? (
                      <ActionButton path={`/api/v1/schedules/${s.id}/cover-requests/${c.id}/cancel`} label="Withdraw" />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {member ? (
              <details className="oc-form-toggle">
                <summary>Ask for cover</summary>
                <CoverRequestForm scheduleId={s.id} tz={tz} defaultStart={defaults.start} defaultEnd={defaults.end} />
              </details>
            ) : null}
          </Card>

          <Card title="Handoff notes" id="handoffs">
            {onCallNow ? (
              <details className="oc-form-toggle" open>
                <summary>Write your handoff</summary>
                <HandoffNoteForm scheduleId={s.id} handoffLabel={formatAt(s.onCallNow.until, tz)} />
              </details>
            ) : (
              <p className="muted small">
                The outgoing person writes a handoff note at the end of their shift; the incoming person acknowledges
                it.
              </p>
            )}
            {notes.items.length === 0 ? (
              <p className="muted">No handoff notes in the last 30 days.</p>
            ) : (
              <ul className="oc-notes">
                {notes.items.map((n) => (
                  <li key={n.id} className="oc-note">
                    <div className="row">
                      <strong>{formatAt(n.handoffAt, tz)}</strong>
                      <span>
                        {n.outgoing.name} → {n.incoming?.name ?? "nobody"}
                      </span>
                      {n.acknowledgedAt ? (
                        <Badge tone="success">acknowledged by {n.acknowledgedBy?.name}</Badge>
                      ) : (
                        <Badge tone="warning">not acknowledged</Badge>
                      )}
                      {!n.acknowledgedAt && n.incoming?.id === actor.userId ? (
                        <ActionButton
                          variant="primary"
                          path={`/api/v1/schedules/${s.id}/handoff-notes/${n.id}/ack`}
                          label="Acknowledge"
                        />
                      ) : null}
                    </div>
                    <p className="prose">{n.body}</p>
                    {n.openIssues ? (
                      <p className="prose small">
                        <strong>Open issues:</strong> {n.openIssues}
                      </p>
                    ) : null}
                    {n.pagesSummary ? (
                      <p className="prose small">
                        <strong>Pages:</strong> {n.pagesSummary}
                      </p>
                    ) : null}
                    {n.watchItems ? (
                      <p className="prose small">
                        <strong>Watch:</strong> {n.watchItems}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <div className="stack">
          <Card title="On call now" id="now">
            {s.onCallNow.users.length ? (
              <div data-testid="schedule-oncall-now">
                <ul className="oc-now-people">
                  {s.onCallNow.users.map((u) => (
                    <li key={u.id}>
                      <strong>{u.name}</strong> <span className="muted small">{u.email}</span>
                    </li>
                  ))}
                </ul>
                <p className="small muted">
                  Since {formatAt(s.onCallNow.since, tz)}, until {formatAt(s.onCallNow.until, tz)}
                  {s.onCallNow.source.kind === "override"
                    ? " (override)"
                    : s.onCallNow.source.kind === "layer"
                      ? ` (${s.onCallNow.source.layerName})`
                      : ""}
                  .
                </p>
              </div>
            ) : (
              <p data-testid="schedule-oncall-now" className="field-error">
                Nobody is on call until {formatAt(s.onCallNow.until, tz)}.
              </p>
            )}
          </Card>

          <Card title="Rotation health" id="health">
            {s.health.length === 0 ? (
              <Alert tone="success">
                No warnings: covered for 30 days, a team of 6 or more, the load is shared and handoffs are written.
              </Alert>
            ) : (
              <ul className="oc-health">
                {s.health.map((w, i) => (
                  <li key={`${w.code}-${i}`}>
                    <Badge tone="warning">{w.code.replaceAll("_", " ").toLowerCase()}</Badge> {w.message}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title="Layers">
            {s.layers.length === 0 ? (
              <p className="muted">No layers.</p>
            ) : (
              <ul className="oc-layer-list">
                {s.layers.map((l) => (
                  <li key={l.id}>
                    <div className="row">
                      <strong>{l.name}</strong> <Badge>priority {l.priority}</Badge>
                      {l.versions > 1 ? <span className="muted small">{l.versions} versions</span> : null}
                    </div>
                    <p className="small">
                      Every {l.rotation.every} {l.rotation.unit}
                      {l.rotation.every > 1 ? "s" : ""} at {l.handoffTime} {l.timezone ?? tz}
                      {l.rotation.clock === "elapsed" ? " (fixed length)" : ""}, {describeRestrictions(l.restrictions)};
                      from {formatAt(l.effectiveFrom, tz)}.
                    </p>
                    <ol className="small oc-slots">
                      {l.participants.map((p, i) => (
                        <li key={i}>{p ? p.name : <span className="muted">empty slot</span>}</li>
                      ))}
                    </ol>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title="Calendar">
            <p className="small muted">
              A secret iCal URL for Google Calendar or Outlook with everyone's shifts in this schedule (overrides
              applied).
            </p>
            <FeedButton path={`/api/v1/schedules/${s.id}/calendar-feeds`} label="Create calendar feed" />
          </Card>
        </div>
      </div>
    </>
  );
}
