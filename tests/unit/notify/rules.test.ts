import { describe, expect, it } from "vitest";
import { effectiveRules } from "@/lib/notify/rules";

const at = new Date("2026-01-01T00:00:00Z");
const m = (id: string, userId: string, over: { verifiedAt?: Date | null; disabledAt?: Date | null } = {}) => ({
  id,
  userId,
  verifiedAt: at,
  disabledAt: null,
  ...over,
});

describe("effectiveRules", () => {
  it("a user with no rule gets every verified, non-disabled method at delay 0", () => {
    const methods = [
      m("mail", "u1"),
      m("chat", "u1"),
      m("new", "u1", { verifiedAt: null }),
      m("off", "u1", { disabledAt: at }),
    ];
    expect(effectiveRules(methods, [])).toEqual([
      { userId: "u1", methodId: "chat", delayMinutes: 0 },
      { userId: "u1", methodId: "mail", delayMinutes: 0 },
    ]);
  });

  it("rules pick methods and delays; rules on unusable methods are dropped; duplicates collapse", () => {
    const methods = [m("mail", "u1"), m("chat", "u1"), m("off", "u1", { disabledAt: at }), m("x", "u2")];
    const rules = [
      { userId: "u1", contactMethodId: "mail", delayMinutes: 2 },
      { userId: "u1", contactMethodId: "chat", delayMinutes: 0 },
      { userId: "u1", contactMethodId: "chat", delayMinutes: 0 },
      { userId: "u1", contactMethodId: "off", delayMinutes: 0 },
    ];
    expect(effectiveRules(methods, rules)).toEqual([
      { userId: "u1", methodId: "chat", delayMinutes: 0 },
      { userId: "u1", methodId: "mail", delayMinutes: 2 },
      { userId: "u2", methodId: "x", delayMinutes: 0 },
    ]);
  });

  it("a user whose only rules point at a disabled method still gets the usable ones at 0", () => {
    expect(
      effectiveRules(
        [m("mail", "u1"), m("off", "u1", { disabledAt: at })],
        [{ userId: "u1", contactMethodId: "off", delayMinutes: 5 }],
      ),
    ).toEqual([{ userId: "u1", methodId: "mail", delayMinutes: 0 }]);
  });

  it("a user with no usable method gets nothing", () => {
    expect(effectiveRules([m("new", "u1", { verifiedAt: null })], [])).toEqual([]);
  });
});
