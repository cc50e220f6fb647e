import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_SERVER_LOG, e2eState } from "./fixtures";

// Runs last (specs run in file-name order on one worker): after every other spec has signed in, sent
// tokens and written secrets, the server's log of the whole run must hold none of them (issue 12).
test("the server log of the e2e run holds no password, token or session cookie", async () => {
  const log = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect(log).toMatch(/"msg":"request"/); // access logs were written, so the check below means something
  const { token } = e2eState();
  for (const secret of [E2E_ADMIN.password, token, token.slice(-24), "e2e-secret"]) {
    expect(log.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
  }
  expect(log).not.toMatch(/next-auth\.session-token=|authorization":\s*"Bearer|"password":\s*"/i);
});
