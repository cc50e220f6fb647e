import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, login } from "./fixtures";

// Issue 11 item 14: at 390 px (a phone) the navigation collapses behind a Menu button instead of
// clipping its labels, and wide tables scroll inside their card rather than the whole page.
test.use({ viewport: { width: 390, height: 844 } });

const pageScrollsSideways = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

test("narrow screens: collapsible menu, no sideways page scroll", async ({ page }) => {
  await login(page);
  await page.goto("/home");
  const menu = page.getByRole("button", { name: /^Menu/ });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const actionItems = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Action items" });
  await expect(actionItems).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(actionItems).toBeVisible();
  // The whole label fits: the link is as wide as its text needs.
  const fits = await actionItems.evaluate((a) => a.scrollWidth <= a.clientWidth);
  expect(fits).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "narrow-menu.png") });
  await actionItems.click();
  await page.waitForURL(/\/action-items/);
  await expect(page.getByRole("button", { name: /^Menu/ })).toHaveAttribute("aria-expanded", "false");

  for (const url of ["/slos", "/home", "/oncall", "/incidents", "/services"]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    expect(await pageScrollsSideways(page), `${url} scrolls sideways at 390 px`).toBe(false);
  }
  await page.goto("/slos");
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "narrow-slos.png") });
});
