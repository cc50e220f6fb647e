import { describe, expect, it } from "vitest";
import { EnvError, readEnv, smtpSettingsOf } from "@/lib/env";

describe("SMTP_URL / SMTP_FROM", () => {
  it("are optional: unset means e-mail is not configured", () => {
    expect(readEnv({}).smtp).toBeNull();
  });
  it("parse into what the admin page shows, the password only as set or not", () => {
    const s = readEnv({
      SMTP_URL: "smtp://pager%40corp:s3cret@mail:587",
      SMTP_FROM: "Pager <pager@corp.example>",
    }).smtp!;
    expect(s).toMatchObject({
      host: "mail",
      port: 587,
      secure: false,
      user: "pager@corp",
      passwordSet: true,
      from: "Pager <pager@corp.example>",
    });
    expect(JSON.stringify({ ...s, url: undefined })).not.toContain("s3cret");
    expect(smtpSettingsOf("smtps://mail.example.com", undefined)).toMatchObject({
      port: 465,
      secure: true,
      user: null,
      passwordSet: false,
      from: "SRE Control Plane <srecp@localhost>",
    });
    expect(smtpSettingsOf("smtp://mailpit:1025", "a@b.c")).toMatchObject({ port: 1025, secure: false });
  });
  it("stop the process naming the variable, never echoing the URL (it carries the password)", () => {
    expect(() => readEnv({ SMTP_URL: "http://user:hunter2@mail:587" })).toThrow(EnvError);
    expect(() => readEnv({ SMTP_URL: "http://user:hunter2@mail:587" })).toThrow(
      /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    try {
      readEnv({ SMTP_URL: "http://user:hunter2@mail:587" });
    } catch (err) {
      expect((err as Error).message).not.toContain("hunter2");
    }
    expect(() => readEnv({ SMTP_URL: "smtp://mail:25", SMTP_FROM: "not an address" })).toThrow(
      /SMTP_FROM must be an address/,
    );
  });
});
