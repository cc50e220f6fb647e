import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as schedules from "@/app/api/v1/schedules/route";
import { getDb } from "@/lib/db";
import { queueShiftNotices } from "@/lib/services/notify/shift-notices";
import { call, userWithToken } from "./helpers/api";

// Issue 13 item 6: a reminder before each person's shift (their own lead time) and a handoff notice at
// the shift change carrying the outgoing person's note, written once however often the job runs.
const at = (iso: string) => Date.parse(iso);
// Other test files share the database (and may leave schedules): count only this file's people's rows.
const mineOnly = () => ({ userId: { in: [ana.id, ben.id, cem.id] } });
let ana: { id: string }, ben: { id: string }, cem: { id: string };
const rowsOf = async (kind: string) => (await getDb()).notification.count({ where: { kind, ...mineOnly() } });

describe("shift notifications", () => {
  let scheduleId: string;
  const methods: Record<string, string> = {};

  beforeAll(async () => {
    const admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "shift-notes", name: "Shift notes", timezone: "UTC" },
        })
      ).status,
    ).toBe(201);
    ana = await userWithToken("editor", ["shift-notes"]);
    ben = await userWithToken("editor", ["shift-notes"]);
    cem = await userWithToken("editor", ["shift-notes"]);
    const db = await getDb();
    await db.user.update({ where: { id: cem.id }, data: { shiftReminderMinutes: 0 } });
    for (const [name, u] of Object.entries({ ana, ben, cem })) {
      const m = await db.contactMethod.create({
        data: {
          userId: u.id,
          kind: "email",
          name: "work",
          targetSealed: "unused-in-this-test",
          targetLabel: `${name}@example.com`,
          verifiedAt: new Date(),
        },
      });
      methods[name] = m.id;
    }
    // ben also has chat, but only after 5 minutes: reminders go to his first rule (e-mail at 0)
    const chat = await db.contactMethod.create({
      data: {
        userId: ben.id,
        kind: "slack",
        name: "chat",
        targetSealed: "unused",
        targetLabel: "https://hooks.example.com",
        verifiedAt: new Date(),
      },
    });
    await db.notificationRule.createMany({
      data: [
        { userId: ben.id, contactMethodId: methods.ben!, delayMinutes: 0 },
        { userId: ben.id, contactMethodId: chat.id, delayMinutes: 5 },
      ],
    });
    const res = await call(schedules.POST, {
      method: "POST",
      token: admin.token,
      body: {
        team: "shift-notes",
        name: "Primary",
        timezone: "UTC",
        layers: [
          {
            name: "Daily",
            priority: 1,
            rotation: { unit: "day", every: 1 },
            handoffTime: "09:00",
            startAt: "2027-01-04T09:00:00.000Z",
            participants: [ana.id, ben.id, cem.id],
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    scheduleId = res.body.id;
    await db.handoffNote.create({
      data: {
        scheduleId,
        handoffAt: new Date(at("2027-01-05T09:00:00Z")),
        outgoingUserId: ana.id,
        incomingUserId: ben.id,
        body: "Checkout latency alert is flapping",
        watchItems: "db failover at 14:00",
      },
    });
  });

  it("reminds ben an hour before his shift, on his first rule's method only, once", async () => {
    await queueShiftNotices(at("2027-01-05T08:00:00Z"));
    expect(await rowsOf("shift_reminder")).toBe(1);
    await queueShiftNotices(at("2027-01-05T08:04:00Z")); // same notice, already queued
    expect(await rowsOf("shift_reminder")).toBe(1);
    const rows = await (await getDb()).notification.findMany({ where: { kind: "shift_reminder", ...mineOnly() } });
    expect(rows.map((r) => [r.userId, r.contactMethodId, r.status])).toEqual([[ben.id, methods.ben, "pending"]]);
    expect((rows[0]!.payload as { text: string }).text).toBe(
      'Your on-call shift on "Primary" starts 5 Jan 2027, 09:00 and ends 6 Jan 2027, 09:00 (UTC).',
    );
  });

  it("tells ben at the handoff whom he takes over from, with ana's note; cem (reminders off) still gets his handoff", async () => {
    await queueShiftNotices(at("2027-01-05T09:00:30Z"));
    expect(await rowsOf("handoff")).toBe(1);
    const handoff = await (await getDb()).notification.findFirstOrThrow({ where: { kind: "handoff", userId: ben.id } });
    const payload = handoff.payload as { text: string; note: string };
    expect(payload.text).toMatch(
      /^You are now on call on "Primary" until 6 Jan 2027, 09:00 \(UTC\), taking over from editor \d+\.$/,
    );
    expect(payload.note).toBe("Checkout latency alert is flapping\nWatch: db failover at 14:00");
    await queueShiftNotices(at("2027-01-06T08:00:00Z")); // cem: reminders off
    expect(await rowsOf("shift_reminder")).toBe(1);
    await queueShiftNotices(at("2027-01-06T09:01:00Z"));
    expect(await (await getDb()).notification.count({ where: { kind: "handoff", userId: cem.id } })).toBe(1);
  });

  it("a deactivated person gets nothing", async () => {
    await (await getDb()).user.update({ where: { id: ana.id }, data: { deactivatedAt: new Date() } });
    const before = await rowsOf("shift_reminder");
    await queueShiftNotices(at("2027-01-07T08:00:00Z")); // ana's turn: she would be reminded now
    expect(await rowsOf("shift_reminder")).toBe(before);
  });
});
