import { describe, expect, it } from "vitest";
import {
  codeMatches,
  codeStateProblem,
  hashVerifyCode,
  newVerifyCode,
  targetLabelOf,
  VERIFY_MAX_ATTEMPTS,
} from "@/lib/notify/contact-target";
import { targetProblem } from "@/lib/validation/notify";

describe("targetProblem (the form's words)", () => {
  it("accepts what each kind needs", () => {
    expect(targetProblem("email", "dana@example.com")).toBeNull();
    expect(targetProblem("slack", "https://hooks.slack.com/services/T/B/x")).toBeNull();
    expect(targetProblem("webhook", "http://10.0.0.5:8080/hook")).toBeNull(); // addresses are the service's DNS check
  });
  it("names the field as the form labels it", () => {
    expect(targetProblem("email", "dana")).toBe("E-mail address is not a valid e-mail address (e.g. dana@example.com)");
    expect(targetProblem("email", "  ")).toBe("E-mail address is required");
    expect(targetProblem("teams", "javascript:alert(1)")).toBe("Webhook URL must start with http:// or https://");
    expect(targetProblem("webhook", "file:///etc/passwd")).toBe("Webhook URL must start with http:// or https://");
    expect(targetProblem("slack", "hooks.slack.com/x")).toMatch(/^Webhook URL is not a URL/);
    expect(targetProblem("webhook", "https://user:pw@example.com/")).toBe(
      "Webhook URL must not carry a user name or password",
    );
  });
});

describe("targetLabelOf", () => {
  it("shows an address in lower case and a URL's scheme and host only (its path may carry a token)", () => {
    expect(targetLabelOf("email", " Dana@Example.COM ")).toBe("dana@example.com");
    expect(targetLabelOf("slack", "https://hooks.slack.com/services/T000/B000/SECRET")).toBe(
      "https://hooks.slack.com/…",
    );
    expect(targetLabelOf("webhook", "http://receiver:8080/")).toBe("http://receiver:8080");
    expect(targetLabelOf("webhook", "http://receiver/?token=abc")).toBe("http://receiver/…");
  });
});

describe("verification codes", () => {
  it("are 6 digits, leading zeros kept, and spread over the range", () => {
    const codes = Array.from({ length: 2000 }, newVerifyCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
  });
  it("match only their own sha256", () => {
    const hash = hashVerifyCode("012345");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(codeMatches("012345", hash)).toBe(true);
    expect(codeMatches(" 012345 ", hash)).toBe(true);
    expect(codeMatches("12345", hash)).toBe(false);
    expect(codeMatches("012346", hash)).toBe(false);
    expect(codeMatches("012345", "abc")).toBe(false);
  });
  it("say why a code cannot be checked: none, used up, expired", () => {
    const now = Date.UTC(2026, 0, 1);
    const live = { verifyCodeHash: "h", verifyExpiresAt: new Date(now + 1), verifyAttempts: 0 };
    expect(codeStateProblem(live, now)).toBeNull();
    expect(codeStateProblem({ ...live, verifyCodeHash: null }, now)).toMatch(/no code is pending/);
    expect(codeStateProblem({ ...live, verifyAttempts: VERIFY_MAX_ATTEMPTS }, now)).toMatch(/too many wrong codes/);
    expect(codeStateProblem({ ...live, verifyAttempts: VERIFY_MAX_ATTEMPTS - 1 }, now)).toBeNull();
    expect(codeStateProblem({ ...live, verifyExpiresAt: new Date(now) }, now)).toMatch(/expired/);
  });
});
