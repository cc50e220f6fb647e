import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login, open } from "./fixtures";

// Issue 16 item 6 in the browser: a timeslice SLO made in the wizard over the known scenario (search: clean
// except 2 h at 10 % errors, hour-aligned, 72 h before scenarioEnd; samples every minute). 5-minute slices,
// good at ≥ 99 % good requests: the incident is exactly 24 bad slices, every other measured slice is good.
// The window (30 d to now) is measured up to scenarioEnd, ~8 630 slices, of which 99.9 % allows 8 bad.
test.describe.configure({ mode: "serial" });

const TEAM = "e2e-timeslice-team";
const SERVICE = "e2e-timeslice-search";

test.beforeAll(async ({ playwright, baseURL }) => {
  const api: APIRequestContext = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${e2eState().token}` },
  });
  expect([201, 409]).toContain(
    (await api.post("/api/v1/teams", { data: { slug: TEAM, name: "E2E timeslices" } })).status(),
  );
  expect([201, 409]).toContain(
    (await api.post("/api/v1/services", { data: { slug: SERVICE, name: "Search (timeslices)", team: TEAM } })).status(),
  );
  await api.dispose();
});

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
};

test("a timeslice SLO made in the wizard counts bad 5-minute slices: 24 of 8 allowed", async ({ page }) => {
  await login(page);
  await open(page, `/slos/new?service=${SERVICE}`);
  await page.getByLabel("Name", { exact: true }).fill("search-good-slices");
  await expect(page.locator(".promql-editor[data-ready]")).toHaveCount(2);
  await page.getByRole("textbox", { name: "Total events" }).fill('http_requests_total{service="search"}');
  await page.getByRole("textbox", { name: "Bad events" }).fill('http_requests_total{service="search",code=~"5.."}');
  await page.getByLabel("Per time slice (good minutes)").check();
  await page.getByLabel("Slice length").selectOption("5");

  // A slice threshold above 100 % is refused on its field, in percent, before anything is saved.
  await page.getByLabel("Good slice: good share at least (%)").fill("150");
  await page.getByRole("button", { name: "Create SLO" }).click();
  await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(
    page.locator(".field", { hasText: "Good slice: good share at least (%)" }).locator(".field-error"),
  ).toHaveText("must be at most 100 % (every event of the slice good)");
  expect(new URL(page.url()).pathname).toBe("/slos/new");
  await page.getByLabel("Good slice: good share at least (%)").fill("99");

  // The preview already counts slices: 8 bad 5-minute slices allowed at 99.9 %.
  await expect(page.getByTestId("preview-figures")).toContainText("Allowed bad 5-minute slices", { timeout: 30_000 });
  await expect(page.getByTestId("preview-allowed-bad")).toHaveText(/^8 \(24 so far\)$/, { timeout: 30_000 });
  await page.getByLabel("Runbook URL").fill("https://runbooks.example.com/search-slices");
  await shot(page, "timeslice-wizard.png");
  await page.getByRole("button", { name: "Create SLO" }).click();

  await page.waitForURL(/\/slos\/[^/]+\?saved=(active|pending)/);
  if (page.url().includes("saved=pending")) {
    await page.getByRole("button", { name: "Sign off version 1" }).click();
    await expect(page.getByText("Not in force yet")).toHaveCount(0, { timeout: 20_000 });
  }
  await open(page, new URL(page.url()).pathname);
  await expect(page.getByText("5-min slices: ratio ≥ 99 %")).toBeVisible();
  const budget = page.locator(".stat", { hasText: "Budget in slices" });
  await expect(budget.locator(".stat-value")).toHaveText("24 bad 5-minute slices of 8 allowed", { timeout: 30_000 });
  await expect(budget).toContainText(/of 8,6\d\d measured 5-minute slices/);
  await expect(page.locator(".details-row", { hasText: "Good slice" })).toContainText(
    "99 % or more of its events good",
  );
  // The ledger counts slices too: the search incident's 24 are unattributed here (no incident on this service).
  const ledger = page.getByRole("table", { name: "Budget ledger" });
  await expect(ledger.getByRole("columnheader", { name: "Bad 5-minute slices" })).toBeVisible({ timeout: 30_000 });
  await expect(ledger.locator("tr[data-ledger-kind='total']")).toContainText("24");
  await shot(page, "timeslice-slo-page.png");
});
