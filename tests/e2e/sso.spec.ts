import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "./fixtures";

// Issue 12: single sign-on end to end against a real OpenID provider (npm oidc-provider, started by
// tests/e2e/global-setup.ts with OIDC_ROLE_MAP="sre-leads=approver,sre=editor"). A new SSO user is
// created with the role its groups claim maps to (no matching group → viewer); sign-out ends the session.
async function ssoSignIn(page: Page, login: string) {
  const appPort = new URL(test.info().project.use.baseURL!).port;
  const backInApp = (u: URL) => u.port === appPort && !u.pathname.startsWith("/login");
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  // The provider's own screens (development interactions): any login name and password, then consent.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: /continue/i });
  await Promise.race([consent.waitFor({ timeout: 15_000 }), page.waitForURL(backInApp, { timeout: 15_000 })]);
  if (!backInApp(new URL(page.url()))) await consent.click();
  await page.waitForURL(backInApp);
}

test("a new SSO user signs in through the OpenID provider with the role its groups map to, and signs out", async ({
  page,
}) => {
  await ssoSignIn(page, "sso-lead");
  const chip = page.locator(".user-chip");
  await expect(chip).toContainText("SSO sso-lead");
  await expect(chip).toContainText("approver");
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "sso-signed-in.png") });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/home");
  await expect(page).toHaveURL(/\/login/);
});

test("an SSO user whose groups map to no role is a viewer", async ({ page }) => {
  await ssoSignIn(page, "sso-guest");
  await expect(page.locator(".user-chip")).toContainText("viewer");
});
