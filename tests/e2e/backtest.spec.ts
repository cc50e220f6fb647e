import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login } from "./fixtures";

// Issue 16 item 4 in the browser: before saving, the wizard's alert backtest replays 30 days of the known
// scenario (search: clean except 2 h at 10 % errors, 72 h before scenarioEnd) — one page, during the
// incident we open for those hours — with a progress indicator while it runs; candidate settings with a
// factor above the incident's burn and page-slow off page nobody and say so.
test.describe.configure({ mode: "serial" });

const TEAM = "e2e-backtest-team";
const SERVICE = "e2e-backtest-search";
const H = 3600;
const iso = (sec: number) => new Date(sec * 1000).toISOString();
let incidentKey = "";

test.beforeAll(async ({ playwright, baseURL }) => {
  const api: APIRequestContext = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${e2eState().token}` },
  });
  expect([201, 409]).toContain(
    (await api.post("/api/v1/teams", { data: { slug: TEAM, name: "E2E backtest" } })).status(),
  );
  expect([201, 409]).toContain(
    (await api.post("/api/v1/services", { data: { slug: SERVICE, name: "Search (backtest)", team: TEAM } })).status(),
  );
  const end = e2eState().scenarioEnd;
  const inc = await api.post("/api/v1/incidents", {
    data: {
      title: "Search errors (backtest)",
      severity: "SEV-2",
      services: [SERVICE],
      impactStartAt: iso(end - 72 * H),
    },
  });
  expect(inc.status()).toBe(201);
  const body = await inc.json();
  incidentKey = `INC-${body.number}`;
  expect(
    (
      await api.post(`/api/v1/incidents/${body.id}/status`, { data: { status: "resolved", at: iso(end - 70 * H) } })
    ).status(),
  ).toBe(200);
  await api.dispose();
});

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
};

test("the wizard backtests its alerts before saving: 1 page in 30 days during the incident, none with a candidate", async ({
  page,
}) => {
  await login(page);
  await page.goto(`/slos/new?service=${SERVICE}`);
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
  await page.getByLabel("Name", { exact: true }).fill("search-availability");
  await expect(page.locator(".promql-editor[data-ready]")).toHaveCount(2);
  await page.getByRole("textbox", { name: "Total events" }).fill('http_requests_total{service="search"}');
  await page.getByRole("textbox", { name: "Bad events" }).fill('http_requests_total{service="search",code=~"5.."}');
  const panel = page.getByTestId("backtest-panel");
  await expect(panel.getByRole("button", { name: "Run backtest" })).toBeEnabled({ timeout: 20_000 });

  // Hold the answer a moment so the progress indicator is seen for sure (the replay itself is fast).
  await page.route("**/api/v1/slos/backtest", async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await panel.getByRole("button", { name: "Run backtest" }).click();
  await expect(panel.getByTestId("backtest-progress")).toBeVisible();
  await expect(panel.getByTestId("backtest-progress")).toContainText("Replaying 30 days of 5-minute counts");
  const headline = panel.getByTestId("backtest-current-headline");
  await expect(headline).toHaveText(new RegExp(`^1 page and \\d+ tickets? in 30 days, 1 during ${incidentKey}$`), {
    timeout: 30_000,
  });
  await expect(panel.getByTestId("backtest-current-pages")).toHaveText("1");
  await expect(panel.getByTestId("backtest-current-missed")).toHaveText("0");
  await expect(panel.locator("figure[data-pages='1']").first()).toBeVisible();
  await expect(panel.getByRole("row", { name: new RegExp(incidentKey) })).toBeVisible();
  await shot(page, "backtest-wizard-current.png");

  // Candidate settings: page-fast at 200× (above the incident's 100×) and page-slow off → no page.
  await panel.getByLabel("Compare with candidate settings").check();
  await panel.getByLabel("page-fast Burn-rate factor").fill("200");
  await panel.getByLabel("page-slow on").uncheck();
  await panel.getByRole("button", { name: "Run backtest" }).click();
  await expect(panel.getByTestId("backtest-candidate-pages")).toHaveText("0", { timeout: 30_000 });
  await expect(panel.getByTestId("backtest-candidate-headline")).toHaveText(/^0 pages and \d+ tickets? in 30 days$/);
  await expect(panel.getByTestId("backtest-current-pages")).toHaveText("1");

  // A candidate the server refuses names the field next to it.
  await panel.getByLabel("page-fast Long window").fill("1x");
  await panel.getByRole("button", { name: "Run backtest" }).click();
  await expect(panel.locator("td .field-error")).toHaveText("must be a Prometheus duration such as 5m, 1h or 1h30m", {
    timeout: 30_000,
  });
  await shot(page, "backtest-wizard-candidate.png");
});
