import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as schedules from "@/app/api/v1/schedules/route";
import { getDb } from "@/lib/db";
import { queueShiftNotices } from "@/lib/services/notify/shift-notices";
import { call, userWithToken } from "./helpers/api";

// Issue 13 item 6: a reminder before each person's shift (their own lead time) and a handoff notice at
// the shift change carrying the outgoing person's note, written once however often the job runs.
const at = (iso: string) => Date.parse(iso);

describe("shift notifications", () => {
  let ana: { id: string }, ben: { id: string }, cem: { id: string };
  let scheduleId: string;
  const methods: Record<string, string> = {};

  beforeAll(async () => {
    const admin = await userWithToken("admin");
    expect((await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "shift-notes", name: "Shift notes", timezone: "UTC" } })).status).toBe(201);
    ana = await userWithToken("editor", ["shift-notes"]);
    ben = await userWithToken("editor", ["shift-notes"]);
    cem = await userWithToken("editor", ["shift-notes"]);
    const db = await getDb();
    await db.user.update({ where: { id: cem.id }, data: { shiftReminderMinutes: 0 } });
    for (const [name, u] of Object.entries({ ana, ben, cem })) {
      const m = await db.contactMethod.create({ data: { userId: u.id, kind: "email", name: "work", targetSealed: "unused-in-this-test", targetLabel: `${name}@example.com`, verifiedAt: new Date() } });
      methods[name] = m.id;
    }
    // ben also has chat, but only after 5 minutes: reminders go to his first rule (e-mail at 0)
    const chat = await db.contactMethod.create({ data: { userId: ben.id, kind: "slack", name: "chat", targetSealed: "unused", targetLabel: "https://hooks.example.com", verifiedAt: new Date() } });
    await db.notificationRule.createMany({ data: [{ userId: ben.id, contactMethodId: methods.ben!, delayMinutes: 0 }, { userId: ben.id, contactMethodId: chat.id, delayMinutes: 5 }] });
    const res = await call(schedules.POST, {
      method: "POST", token: admin.token,
      body: { team: "shift-notes", name: "Primary", timezone: "UTC", layers: [{ name: "Daily", priority: 1, rotation: { unit: "day", every: 1 }, handoffTime: "09:00", startAt: "2027-01-04T09:00:00.000Z", participants: [ana.id, ben.id, cem.id] }] },
    });
    expect(res.status).toBe(201);
    scheduleId = res.body.id;
    await db.handoffNote.create({ data: { scheduleId, handoffAt: new Date(at("2027-01-05T09:00:00Z")), outgoingUserId: ana.id, incomingUserId: ben.id, body: "Checkout latency alert is flapping", watchItems: "db failover at 14:00" } });
  });

  it("reminds ben an hour before his shift, on his first rule's method only, once", async () => {
    const first = await queueShiftNotices(at("2027-01-05T08:00:00Z"));
    expect(first).toEqual({ notices: 1, rows: 1 });
    expect(await queueShiftNotices(at("2027-01-05T08:04:00Z"))).toEqual({ notices: 1, rows: 0 }); // same notice, already queued
    const rows = await (await getDb()).notification.findMany({ where: { kind: "shift_reminder" } });
    expect(rows.map((r) => [r.userId, r.contactMethodId, r.status])).toEqual([[ben.id, methods.ben, "pending"]]);
    expect((rows[0]!.payload as { text: string }).text).toBe('Your on-call shift on "Primary" starts 5 Jan 2027, 09:00 and ends 6 Jan 2027, 09:00 (UTC).');
  });

  it("tells ben at the handoff whom he takes over from, with ana's note; cem (reminders off) still gets his handoff", async () => {
    expect(await queueShiftNotices(at("2027-01-05T09:00:30Z"))).toEqual({ notices: 1, rows: 1 });
    const handoff = await (await getDb()).notification.findFirstOrThrow({ where: { kind: "handoff", userId: ben.id } });
    const payload = handoff.payload as { text: string; note: string };
    expect(payload.text).toMatch(/^You are now on call on "Primary" until 6 Jan 2027, 09:00 \(UTC\), taking over from editor \d+\.$/);
    expect(payload.note).toBe("Checkout latency alert is flapping\nWatch: db failover at 14:00");
    expect(await queueShiftNotices(at("2027-01-06T08:00:00Z"))).toEqual({ notices: 0, rows: 0 }); // cem: no reminder
    expect(await queueShiftNotices(at("2027-01-06T09:01:00Z"))).toEqual({ notices: 1, rows: 1 });
  });

  it("a deactivated person gets nothing", async () => {
    await (await getDb()).user.update({ where: { id: ana.id }, data: { deactivatedAt: new Date() } });
    expect(await queueShiftNotices(at("2027-01-07T08:00:00Z"))).toEqual({ notices: 0, rows: 0 });
  });
});
