import ICAL from "ical.js";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as schedule from "@/app/api/v1/schedules/[id]/route";
import * as shifts from "@/app/api/v1/schedules/[id]/shifts/route";
import * as oncall from "@/app/api/v1/schedules/[id]/oncall/route";
import * as history from "@/app/api/v1/schedules/[id]/history/route";
import * as overrides from "@/app/api/v1/schedules/[id]/overrides/route";
import * as override from "@/app/api/v1/schedules/[id]/overrides/[overrideId]/route";
import * as covers from "@/app/api/v1/schedules/[id]/cover-requests/route";
import * as coverAccept from "@/app/api/v1/schedules/[id]/cover-requests/[requestId]/accept/route";
import * as coverCancel from "@/app/api/v1/schedules/[id]/cover-requests/[requestId]/cancel/route";
import * as notes from "@/app/api/v1/schedules/[id]/handoff-notes/route";
import * as noteAck from "@/app/api/v1/schedules/[id]/handoff-notes/[noteId]/ack/route";
import * as scheduleFeeds from "@/app/api/v1/schedules/[id]/calendar-feeds/route";
import * as personFeeds from "@/app/api/v1/calendar/feeds/route";
import * as feed from "@/app/api/v1/calendar/feeds/[id]/route";
import * as calendar from "@/app/api/v1/calendar/[token]/route";
import * as audit from "@/app/api/v1/audit/route";
import { createSchedule } from "@/lib/services/oncall/schedules";
import { recordOnCall } from "@/lib/services/oncall/oncall-log";
import { renderFeed } from "@/lib/services/oncall/calendar-feeds";
import { actorForToken } from "@/lib/services/users";
import { call, userWithToken } from "./helpers/api";

const BERLIN = "Europe/Berlin";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: BERLIN }).toUTC().toISO()!;
const hours = (s: { start: string; end: string }) => (Date.parse(s.end) - Date.parse(s.start)) / HOUR;
type U = { email: string; token: string; id: string };

describe("on-call schedules over the REST API", () => {
  let admin: U, editor: U, viewer: U, outsider: U, ana: U, ben: U, cem: U, dora: U;
  let scheduleId: string;
  let layerId: string;

  // Weekly, Monday 09:00 Berlin from 2027-03-15: ana, then ben (across the March DST change), then cem.
  const weekly = (participants: string[], startAt = berlin("2027-03-15T00:00")) => ({
    name: "Primary",
    priority: 1,
    rotation: { unit: "week", every: 1 },
    handoffTime: "09:00",
    startAt,
    participants,
  });

  beforeAll(async () => {
    admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "sre-oncall", name: "SRE on-call", timezone: BERLIN },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "other-oncall", name: "Other" } }))
        .status,
    ).toBe(201);
    editor = await userWithToken("editor", ["sre-oncall"]);
    viewer = await userWithToken("viewer", ["sre-oncall"]);
    outsider = await userWithToken("editor", ["other-oncall"]);
    [ana, ben, cem, dora] = (await Promise.all([1, 2, 3, 4].map(() => userWithToken("editor", ["sre-oncall"])))) as [
      U,
      U,
      U,
      U,
    ];
    const res = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: {
        team: "sre-oncall",
        name: "Primary rotation",
        timezone: BERLIN,
        layers: [weekly([ana.id, ben.id, cem.id])],
      },
    });
    expect(res.status).toBe(201);
    scheduleId = res.body.id;
    layerId = res.body.layers[0].id;
    expect(res.body).toMatchObject({
      name: "Primary rotation",
      timezone: BERLIN,
      version: 1,
      team: { slug: "sre-oncall" },
    });
    expect(res.body.layers[0].participants.map((p: { id: string }) => p.id)).toEqual([ana.id, ben.id, cem.id]);
  });

  it("shifts of a weekly Monday 09:00 Europe/Berlin rotation last 167 h across 2027-03-28 and 169 h across 2027-10-31", async () => {
    const spring = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=2027-03-15T08:00:00Z&to=2027-04-05T07:00:00Z`,
    });
    expect(spring.status).toBe(200);
    expect(
      spring.body.shifts.map((s: { user: { id: string }; start: string; end: string }) => [
        s.user.id,
        s.start,
        s.end,
        hours(s),
      ]),
    ).toEqual([
      [ana.id, "2027-03-15T08:00:00.000Z", "2027-03-22T08:00:00.000Z", 168],
      [ben.id, "2027-03-22T08:00:00.000Z", "2027-03-29T07:00:00.000Z", 167],
      [cem.id, "2027-03-29T07:00:00.000Z", "2027-04-05T07:00:00.000Z", 168],
    ]);
    expect(spring.body.gaps).toEqual([]);
    expect(spring.body.segments[0]).toMatchObject({
      source: { kind: "layer", layerId, layerName: "Primary" },
      users: [{ id: ana.id, name: expect.any(String) }],
    });
    expect(spring.body.layers).toEqual([expect.objectContaining({ id: layerId, name: "Primary", priority: 1 })]);

    const autumn = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=2027-10-25T07:00:00Z&to=2027-11-01T08:00:00Z`,
    });
    expect(autumn.body.shifts).toHaveLength(1);
    expect([autumn.body.shifts[0].start, autumn.body.shifts[0].end, autumn.body.shifts[0].hours]).toEqual([
      "2027-10-25T07:00:00.000Z",
      "2027-11-01T08:00:00.000Z",
      169,
    ]);
  });

  it("reports the gap before a rotation's first handoff and validates the window (422 naming from/to)", async () => {
    const res = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=2027-03-14T00:00:00Z&to=2027-03-16T00:00:00Z`,
    });
    expect(res.body.gaps).toEqual([{ start: "2027-03-14T00:00:00.000Z", end: "2027-03-15T08:00:00.000Z" }]);
    const bad = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z`,
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["to"]);
    const missing = await call(shifts.GET, { token: viewer.token, params: { id: scheduleId }, url: `/x?to=yesterday` });
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(["from", "to"]);
    expect(
      (
        await call(shifts.GET, {
          token: viewer.token,
          params: { id: "nope" },
          url: `/x?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z`,
        })
      ).status,
    ).toBe(404);
  });

  it("an override appears in shifts and in oncall?at=, and can be cancelled", async () => {
    const body = {
      kind: "replace",
      userId: dora.id,
      replacesUserId: ben.id,
      startAt: "2027-03-24T12:00:00Z",
      endAt: "2027-03-25T12:00:00Z",
      reason: "dentist",
    };
    const created = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "replace",
      user: { id: dora.id },
      replaces: { id: ben.id },
      noOp: false,
      reason: "dentist",
    });

    const res = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=2027-03-22T08:00:00Z&to=2027-03-29T07:00:00Z`,
    });
    expect(
      res.body.segments.map((s: { users: { id: string }[]; start: string; source: { kind: string } }) => [
        s.users[0]!.id,
        s.start,
        s.source.kind,
      ]),
    ).toEqual([
      [ben.id, "2027-03-22T08:00:00.000Z", "layer"],
      [dora.id, "2027-03-24T12:00:00.000Z", "override"],
      [ben.id, "2027-03-25T12:00:00.000Z", "layer"],
    ]);
    expect(res.body.overrides).toEqual([
      expect.objectContaining({ id: created.body.id, kind: "replace", reason: "dentist" }),
    ]);

    const during = await call(oncall.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?at=2027-03-24T18:00:00Z`,
    });
    expect(during.body).toMatchObject({
      users: [{ id: dora.id }],
      source: { kind: "override", overrideId: created.body.id },
      since: "2027-03-24T12:00:00.000Z",
      until: "2027-03-25T12:00:00.000Z",
    });
    const before = await call(oncall.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?at=2027-03-24T11:59:59.999Z`,
    });
    expect(before.body.users.map((u: { id: string }) => u.id)).toEqual([ben.id]);
    const atHandoff = await call(oncall.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?at=2027-03-29T07:00:00Z`,
    });
    expect(atHandoff.body.users.map((u: { id: string }) => u.id)).toEqual([cem.id]);

    // Replacing someone who is not on call then changes nothing, and the API says so.
    const noop = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: { ...body, replacesUserId: ana.id, reason: "" },
    });
    expect(noop.body.noOp).toBe(true);
    const listed = await call(overrides.GET, { token: viewer.token, params: { id: scheduleId } });
    expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([created.body.id, noop.body.id]);

    expect(
      (
        await call(override.DELETE, {
          method: "DELETE",
          token: editor.token,
          params: { id: scheduleId, overrideId: noop.body.id },
        })
      ).body.cancelledAt,
    ).not.toBeNull();
    const again = await call(override.DELETE, {
      method: "DELETE",
      token: editor.token,
      params: { id: scheduleId, overrideId: noop.body.id },
    });
    expect(again.status).toBe(409);
  });

  it("refuses overrides that would change the past or are malformed (422 naming fields)", async () => {
    const past = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: {
        kind: "add",
        userId: dora.id,
        startAt: new Date(Date.now() - DAY).toISOString(),
        endAt: new Date(Date.now() + DAY).toISOString(),
      },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty("startAt");
    const bad = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: { kind: "swap", userId: "", startAt: "2027-03-02T00:00:00Z", endAt: "2027-03-01T00:00:00Z" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["kind", "userId"]);
    const backwards = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: {
        kind: "add",
        userId: dora.id,
        replacesUserId: ana.id,
        startAt: "2027-03-02T00:00:00Z",
        endAt: "2027-03-01T00:00:00Z",
      },
    });
    expect(Object.keys(backwards.body.error.fields).sort()).toEqual(["endAt", "replacesUserId"]);
    const unknown = await call(overrides.POST, {
      method: "POST",
      token: editor.token,
      params: { id: scheduleId },
      body: { kind: "add", userId: "no-such-user", startAt: "2027-03-01T00:00:00Z", endAt: "2027-03-02T00:00:00Z" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.userId).toMatch(/unknown user/);
  });

  it("permissions: viewers and other teams cannot edit schedules (403); members may override only themselves", async () => {
    const current = await call(schedule.GET, { token: viewer.token, params: { id: scheduleId } });
    expect(current.status).toBe(200);
    const patch = { name: "Renamed", version: current.body.version };
    const byViewer = await call(schedule.PATCH, {
      method: "PATCH",
      token: viewer.token,
      params: { id: scheduleId },
      body: patch,
    });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe("FORBIDDEN");
    expect(
      (await call(schedule.PATCH, { method: "PATCH", token: outsider.token, params: { id: scheduleId }, body: patch }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(schedules.POST, {
          method: "POST",
          token: viewer.token,
          body: { team: "sre-oncall", name: "Mine", timezone: BERLIN },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(schedule.DELETE, { method: "DELETE", token: viewer.token, params: { id: scheduleId } })).status,
    ).toBe(403);

    const window = { startAt: "2027-06-01T00:00:00Z", endAt: "2027-06-02T00:00:00Z" };
    const forOthers = await call(overrides.POST, {
      method: "POST",
      token: viewer.token,
      params: { id: scheduleId },
      body: { kind: "add", userId: ana.id, ...window },
    });
    expect(forOthers.status).toBe(403);
    // A viewer cannot put themselves on call either (issue 12, finding 5): overrides are an editor's.
    const forSelf = await call(overrides.POST, {
      method: "POST",
      token: viewer.token,
      params: { id: scheduleId },
      body: { kind: "add", userId: viewer.id, ...window },
    });
    expect(forSelf.status).toBe(403);
    expect(forSelf.body.error.message).toContain("editor or higher");
    expect(
      (
        await call(overrides.POST, {
          method: "POST",
          token: outsider.token,
          params: { id: scheduleId },
          body: { kind: "add", userId: outsider.id, ...window },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 422 naming bad layer fields and 409 for a stale version", async () => {
    const bad = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: {
        team: "sre-oncall",
        name: "Bad",
        timezone: "Mars/Olympus",
        layers: [{ ...weekly([ana.id, "ghost"]), handoffTime: "25:00", rotation: { unit: "month", every: 1 } }],
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      "layers.0.handoffTime",
      "layers.0.rotation.unit",
      "timezone",
    ]);
    const ghost = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: { team: "sre-oncall", name: "Ghost", timezone: BERLIN, layers: [weekly([ana.id, "ghost"])] },
    });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.fields).toEqual({ "layers.0.participants.1": 'unknown user "ghost"' });
    const weeklyWithoutDay = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: {
        team: "sre-oncall",
        name: "Restricted",
        timezone: BERLIN,
        layers: [{ ...weekly([ana.id]), restrictions: { kind: "weekly", windows: [{ from: "09:00", to: "17:00" }] } }],
      },
    });
    expect(Object.keys(weeklyWithoutDay.body.error.fields)).toEqual(["layers.0.restrictions.windows.0.fromDay"]);

    const current = await call(schedule.GET, { token: editor.token, params: { id: scheduleId } });
    const first = await call(schedule.PATCH, {
      method: "PATCH",
      token: editor.token,
      params: { id: scheduleId },
      body: { description: "A", version: current.body.version },
    });
    const second = await call(schedule.PATCH, {
      method: "PATCH",
      token: editor.token,
      params: { id: scheduleId },
      body: { description: "B", version: current.body.version },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.fields).toEqual({ version: "stale" });
    const noVersion = await call(schedule.PATCH, {
      method: "PATCH",
      token: editor.token,
      params: { id: scheduleId },
      body: { description: "C" },
    });
    expect(Object.keys(noVersion.body.error.fields)).toEqual(["version"]);
  });

  it("editing a layer never rewrites the past; the on-call person stays on call; history is recorded as it happens", async () => {
    const t0 = Date.now() - 20 * DAY;
    const startAt = DateTime.fromMillis(t0 - 3 * DAY, { zone: BERLIN })
      .startOf("day")
      .toUTC()
      .toISO()!;
    const editorActor = (await actorForToken(editor.token))!;
    const created = await createSchedule(
      editorActor,
      {
        team: "sre-oncall",
        name: "Daily",
        description: "",
        timezone: BERLIN,
        requireHandoffNote: true,
        layers: [
          {
            name: "Day",
            priority: 0,
            timezone: null,
            rotation: { unit: "day", every: 1, clock: "wall" },
            handoffTime: "09:00",
            startAt: new Date(startAt),
            participants: [ana.id, ben.id, cem.id],
            restrictions: null,
          },
        ],
      },
      t0,
    );
    const id = created.id;
    // Created 20 days ago with a start 3 days before that: nobody was on call before the creation instant.
    const pastWindow = `/x?from=${new Date(t0 - 5 * DAY).toISOString()}&to=${new Date(Date.now()).toISOString()}`;
    const before = await call(shifts.GET, { token: viewer.token, params: { id }, url: pastWindow });
    expect(before.body.segments[0]).toMatchObject({
      start: new Date(t0 - 5 * DAY).toISOString(),
      end: new Date(t0).toISOString(),
      users: [],
    });
    expect(before.body.segments.length).toBeGreaterThan(15);

    const now = await call(oncall.GET, { token: viewer.token, params: { id } });
    const onCall = now.body.users[0].id as string;
    const removed = [ana.id, ben.id, cem.id].find((u) => u !== onCall)!;
    const remaining = [ana.id, ben.id, cem.id].filter((u) => u !== removed);
    const current = await call(schedule.GET, { token: viewer.token, params: { id } });
    const layer = current.body.layers[0];
    const edit = {
      version: current.body.version,
      layers: [
        {
          id: layer.id,
          name: layer.name,
          priority: 0,
          rotation: layer.rotation,
          handoffTime: "09:00",
          startAt: layer.startAt,
          participants: [...remaining, dora.id],
        },
      ],
    };
    const edited = await call(schedule.PATCH, { method: "PATCH", token: editor.token, params: { id }, body: edit });
    expect(edited.status).toBe(200);
    expect(edited.body.layers[0]).toMatchObject({ id: layer.id, versions: 2 });
    expect(edited.body.onCallNow.users.map((u: { id: string }) => u.id)).toEqual([onCall]);

    const after = await call(shifts.GET, { token: viewer.token, params: { id }, url: pastWindow });
    expect(after.body.segments).toEqual(before.body.segments);
    // The removed person is not on call again after this turn; the new one is.
    const ahead = await call(shifts.GET, {
      token: viewer.token,
      params: { id },
      url: `/x?from=${new Date(Date.now() + 2 * DAY).toISOString()}&to=${new Date(Date.now() + 9 * DAY).toISOString()}`,
    });
    const people = new Set(ahead.body.shifts.map((s: { user: { id: string } }) => s.user.id));
    expect(people).toEqual(new Set([...remaining, dora.id]));

    const rec = await call(history.GET, {
      token: viewer.token,
      params: { id },
      url: `/x?from=${new Date(t0 - DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`,
    });
    expect(rec.status).toBe(200);
    expect(rec.body.items.at(-1)).toMatchObject({ user: { id: onCall }, end: null });
  });

  it("recordOnCall closes and opens history rows at the handoff instant", async () => {
    const res = await call(schedules.POST, {
      method: "POST",
      token: editor.token,
      body: {
        team: "sre-oncall",
        name: "History",
        timezone: BERLIN,
        layers: [weekly([ana.id, ben.id], berlin("2027-05-03T00:00"))],
      },
    });
    const id = res.body.id;
    const handoff = Date.parse("2027-05-10T07:00:00Z");
    await recordOnCall(handoff - 60_000, [id]);
    await recordOnCall(handoff - 30_000, [id]);
    await recordOnCall(handoff + 45_000, [id]);
    const rows = await call(history.GET, {
      token: viewer.token,
      params: { id },
      url: `/x?from=2027-05-01T00:00:00Z&to=2027-06-01T00:00:00Z`,
    });
    expect(
      rows.body.items.map((r: { user: { id: string }; start: string; end: string | null; source: string }) => [
        r.user.id,
        r.start,
        r.end,
        r.source,
      ]),
    ).toEqual([
      // Ana's turn began a week earlier: the log only claims what it saw (15 min look-back before the first record).
      [ana.id, new Date(handoff - 60_000 - 15 * 60_000).toISOString(), "2027-05-10T07:00:00.000Z", "layer"],
      [ben.id, "2027-05-10T07:00:00.000Z", null, "layer"],
    ]);
  });

  it("cover requests: the on-call person asks, a teammate accepts, which creates the override", async () => {
    const window = { startAt: "2027-03-23T00:00:00Z", endAt: "2027-03-24T00:00:00Z" };
    const notMine = await call(covers.POST, {
      method: "POST",
      token: cem.token,
      params: { id: scheduleId },
      body: window,
    });
    expect(notMine.status).toBe(422);
    const asked = await call(covers.POST, {
      method: "POST",
      token: ben.token,
      params: { id: scheduleId },
      body: { ...window, message: "family" },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: "open", requester: { id: ben.id } });
    expect(
      (
        await call(coverAccept.POST, {
          method: "POST",
          token: ben.token,
          params: { id: scheduleId, requestId: asked.body.id },
        })
      ).status,
    ).toBe(409);

    const [first, second] = await Promise.all([
      call(coverAccept.POST, {
        method: "POST",
        token: cem.token,
        params: { id: scheduleId, requestId: asked.body.id },
      }),
      call(coverAccept.POST, {
        method: "POST",
        token: ana.token,
        params: { id: scheduleId, requestId: asked.body.id },
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? first.body : second.body;
    expect(winner.status).toBe("covered");
    const at = await call(oncall.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?at=2027-03-23T12:00:00Z`,
    });
    expect(at.body.users.map((u: { id: string }) => u.id)).toEqual([winner.acceptedBy.id]);
    expect(at.body.source).toEqual({ kind: "override", overrideId: winner.overrideId });

    const another = await call(covers.POST, {
      method: "POST",
      token: ben.token,
      params: { id: scheduleId },
      body: { startAt: "2027-03-26T00:00:00Z", endAt: "2027-03-27T00:00:00Z" },
    });
    expect(
      (
        await call(coverCancel.POST, {
          method: "POST",
          token: cem.token,
          params: { id: scheduleId, requestId: another.body.id },
        })
      ).status,
    ).toBe(200);
    const open = await call(covers.GET, { token: viewer.token, params: { id: scheduleId }, url: "/x?status=open" });
    expect(open.body.items).toEqual([]);
  });

  it("handoff notes: the outgoing person writes, the incoming person acknowledges", async () => {
    const handoffAt = "2027-03-22T08:00:00Z";
    const body = { handoffAt, body: "Disk on db-2 at 80 %", watchItems: "the nightly backup" };
    const wrongAuthor = await call(notes.POST, { method: "POST", token: ben.token, params: { id: scheduleId }, body });
    expect(wrongAuthor.status).toBe(422);
    expect(wrongAuthor.body.error.fields).toHaveProperty("handoffAt");
    const note = await call(notes.POST, { method: "POST", token: ana.token, params: { id: scheduleId }, body });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      outgoing: { id: ana.id },
      incoming: { id: ben.id },
      acknowledgedAt: null,
      handoffAt: "2027-03-22T08:00:00.000Z",
    });
    expect(
      (await call(notes.POST, { method: "POST", token: ana.token, params: { id: scheduleId }, body })).status,
    ).toBe(409);
    expect(
      (await call(noteAck.POST, { method: "POST", token: cem.token, params: { id: scheduleId, noteId: note.body.id } }))
        .status,
    ).toBe(403);
    const ack = await call(noteAck.POST, {
      method: "POST",
      token: ben.token,
      params: { id: scheduleId, noteId: note.body.id },
    });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy.id).toBe(ben.id);
    expect(
      (await call(noteAck.POST, { method: "POST", token: ben.token, params: { id: scheduleId, noteId: note.body.id } }))
        .status,
    ).toBe(409);
    const list = await call(notes.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: "/x?from=2027-03-01T00:00:00Z",
    });
    expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([note.body.id]);
  });

  it("shows rotation health warnings on the schedule", async () => {
    const res = await call(schedule.GET, { token: viewer.token, params: { id: scheduleId } });
    const codes = res.body.health.map((w: { code: string }) => w.code);
    // Starts in March 2027: the next 30 days are one gap; 3 people are fewer than 6.
    expect(codes).toEqual(["GAPS", "SMALL_TEAM"]);
    expect(res.body.health[1]).toMatchObject({ severity: "warning", detail: { teamSize: 3, minimum: 6 } });
    expect(res.body.onCallNow.users).toEqual([]);
  });

  it("iCal feeds: a secret URL per schedule and per person that parses with ical.js, and 404 once revoked", async () => {
    const created = await call(scheduleFeeds.POST, { method: "POST", token: viewer.token, params: { id: scheduleId } });
    expect(created.status).toBe(201);
    const token = created.body.url.split("/").pop() as string;
    expect(token).toMatch(/^srecp_cal_.+\.ics$/);
    const ics = await call(calendar.GET, { params: { token } });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = new ICAL.Component(ICAL.parse(ics.body as string))
      .getAllSubcomponents("vevent")
      .map((c) => new ICAL.Event(c));
    const byStart = new Map(events.map((e) => [e.startDate.toJSDate().toISOString(), e]));
    const spring = byStart.get("2027-03-22T08:00:00.000Z")!;
    expect(spring.endDate.toJSDate().toISOString()).toBe("2027-03-23T00:00:00.000Z"); // cover override starts then
    expect(spring.summary).toMatch(/^On call: .+ \(Primary rotation \(SRE on-call\)\)$/);
    expect(events.length).toBeGreaterThan(40);

    const mine = await call(personFeeds.POST, { method: "POST", token: ana.token, body: {} });
    expect(mine.status).toBe(201);
    const personIcs = await call(calendar.GET, { params: { token: mine.body.url.split("/").pop() } });
    const personEvents = new ICAL.Component(ICAL.parse(personIcs.body as string))
      .getAllSubcomponents("vevent")
      .map((c) => new ICAL.Event(c));
    // Ana's events from this schedule are exactly her shifts in it (the feed also covers her other schedules).
    const year = await call(shifts.GET, {
      token: viewer.token,
      params: { id: scheduleId },
      url: `/x?from=${new Date(Date.now() - 29 * DAY).toISOString()}&to=${new Date(Date.now() + 364 * DAY).toISOString()}`,
    });
    const anaStarts = year.body.shifts
      .filter((s: { user: { id: string } }) => s.user.id === ana.id)
      .map((s: { start: string }) => s.start);
    const fromPrimary = personEvents.filter((e) => e.summary.endsWith("(Primary rotation)"));
    expect(anaStarts.length).toBeGreaterThan(5);
    expect(fromPrimary.map((e) => e.startDate.toJSDate().toISOString())).toEqual(anaStarts);
    expect(new Set(personEvents.map((e) => e.summary.replace(/ \(.*\)$/, "")))).toEqual(
      new Set([`On call: ${year.body.shifts.find((s: { user: { id: string } }) => s.user.id === ana.id).user.name}`]),
    );
    expect((await call(personFeeds.POST, { method: "POST", token: ana.token, body: { userId: ben.id } })).status).toBe(
      403,
    );

    // Three syncs at different instants: an event present in two of them has the same UID and DTSTART, and
    // the first event starts at a real handoff, not at "now − 30 days".
    const startsByUid = async (tok: string, nowMs: number) => {
      const body = (await renderFeed(tok, nowMs))!.body;
      return new Map(
        new ICAL.Component(ICAL.parse(body))
          .getAllSubcomponents("vevent")
          .map((c) => [c.getFirstPropertyValue("uid") as string, new ICAL.Event(c).startDate.toJSDate().getTime()]),
      );
    };
    for (const tok of [token, mine.body.url.split("/").pop() as string]) {
      const instants = [0, 2.5 * 3_600_000, 3 * DAY + 1234].map((d) => Date.now() + d);
      const syncs = await Promise.all(instants.map((at) => startsByUid(tok, at)));
      let shared = 0;
      for (const later of syncs.slice(1))
        for (const [uid, start] of later)
          if (syncs[0]!.has(uid)) {
            shared += 1;
            expect(start).toBe(syncs[0]!.get(uid));
          }
      expect(shared).toBeGreaterThan(10);
      // No event is cut at the feed's moving edge (now − 30 days). (Starts need not be whole minutes: the
      // "Daily" schedule above began at its creation instant, 20 days ago.)
      syncs.forEach((sync, i) => expect([...sync.values()]).not.toContain(instants[i]! - 30 * DAY));
    }

    expect(
      (await call(feed.DELETE, { method: "DELETE", token: outsider.token, params: { id: created.body.id } })).status,
    ).toBe(403);
    expect(
      (await call(feed.DELETE, { method: "DELETE", token: viewer.token, params: { id: created.body.id } })).status,
    ).toBe(200);
    expect((await call(calendar.GET, { params: { token } })).status).toBe(404);
    expect((await call(calendar.GET, { params: { token: "srecp_cal_guess.ics" } })).status).toBe(404);
  });

  it("audits schedule changes", async () => {
    const log = await call(audit.GET, {
      url: `/api/v1/audit?entityType=schedule&entityId=${scheduleId}`,
      token: admin.token,
    });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(["schedule.update", "schedule.create"]);
  });
});
