import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, login } from "./fixtures";

test("an admin logs in, creates a team and a service, and sees it listed", async ({ page }) => {
  await login(page);

  await page.goto("/teams/new");
  await page.getByLabel("Slug").fill("web-team");
  await page.getByLabel("Name").fill("Web team");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Web team" })).toBeVisible();

  await page.goto("/services/new");
  await page.getByLabel("Slug").fill("storefront");
  await page.getByLabel("Name").fill("Storefront");
  await page.getByLabel("Team").selectOption("web-team");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: "Storefront" })).toBeVisible();

  await page.goto("/services");
  await expect(page.getByRole("link", { name: "storefront" })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "services-list.png"), fullPage: true });
});

test("a bad service form shows the field error inline", async ({ page }) => {
  await login(page);
  await page.goto("/services/new");
  await page.getByLabel("Slug").fill("Not A Slug");
  await page.getByLabel("Name").fill("Whatever");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText(/lower-case letters, digits and dashes/)).toBeVisible();
});
