import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eState, login } from "./fixtures";

// Issue 12, findings 3 and 12: the browser's Sign out ends the session on the server (a copied cookie
// is worthless afterwards), and an admin's Deactivate on the Admin page ends a user's open session.

const PASSWORD = "e2e-session-password";

function createUser(email: string) {
  const cli = spawnSync(
    process.execPath,
    [
      "scripts/srecp.mjs",
      "users",
      "create",
      "--email",
      email,
      "--name",
      email.split("@")[0]!,
      "--role",
      "editor",
      "--password",
      PASSWORD,
    ],
    {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: e2eState().databaseUrl, LOG_LEVEL: "warn" },
      encoding: "utf8",
    },
  );
  expect(cli.status, cli.stderr).toBe(0);
}

test("Sign out ends the session server-side: the old cookie replayed answers 401", async ({
  page,
  playwright,
  baseURL,
}) => {
  const email = `e2e-signout-${Date.now()}@example.com`;
  createUser(email);
  await login(page, email, PASSWORD);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "session cookie after sign-in").toBeTruthy();
  const stolen = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `${cookie!.name}=${cookie!.value}` },
  });
  expect((await stolen.get("/api/v1/me")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/login"));
  expect((await stolen.get("/api/v1/me")).status()).toBe(401);
  await stolen.dispose();
});

test("an admin deactivates a signed-in user on the Admin page; their session ends and they cannot sign in", async ({
  page,
  browser,
}) => {
  const email = `e2e-leaver-${Date.now()}@example.com`;
  createUser(email);
  const leaverContext = await browser.newContext();
  const leaver = await leaverContext.newPage();
  await login(leaver, email, PASSWORD);
  await leaver.goto("/home");
  await expect(leaver).toHaveURL(/\/home/);

  await login(page);
  await page.goto("/admin");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Deactivate", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate user" }).click();
  await expect(row.getByText("deactivated", { exact: true })).toBeVisible();
  await expect(row.getByRole("status")).toContainText(`Deactivated ${email}`);

  await leaver.goto("/home");
  await expect(leaver).toHaveURL(/\/login/);
  await leaver.getByLabel("Email").fill(email);
  await leaver.getByLabel("Password").fill(PASSWORD);
  await leaver.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(leaver.getByText("Invalid email or password")).toBeVisible();
  await leaverContext.close();
});
