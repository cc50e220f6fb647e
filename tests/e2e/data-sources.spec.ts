import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login } from "./fixtures";

// Admin → Data sources in the browser: a metadata URL is refused on the URL field, a source with a
// bearer token is added (the token never comes back), tested with a sample query, made default and back.
test("an admin adds, tests and defaults a Prometheus data source; metadata URLs are refused", async ({ page }) => {
  await login(page);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Data sources" }).click();
  await expect(page.getByRole("heading", { name: "Data sources", level: 1 })).toBeVisible();

  const name = `e2e-prom-${Date.now()}`;
  const form = page.getByRole("form", { name: "New data source" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("URL", { exact: true }).fill("http://169.254.169.254/latest/meta-data/");
  await form.getByRole("button", { name: "Add data source" }).click();
  await expect(
    form.getByText("169.254.169.254 is a link-local, metadata or reserved address, which is never allowed"),
  ).toBeVisible();

  await form.getByLabel("URL", { exact: true }).fill(e2eState().prometheusUrl);
  await form.getByLabel("Authentication").selectOption("bearer");
  await form.getByLabel("Bearer token").fill("e2e-datasource-token-91ab");
  await form.getByRole("button", { name: "Add data source" }).click();

  const table = page.getByRole("table", { name: "Data sources" });
  // .first(): the data row; an opened panel sits in the row below it.
  const row = table.getByRole("row", { name: new RegExp(name) }).first();
  await expect(row).toContainText("bearer (stored)");
  await expect(page.getByText("e2e-datasource-token-91ab")).toHaveCount(0);

  await row.getByRole("button", { name: "Test connection" }).click();
  await page.getByLabel("Sample query").fill("vector(7)");
  await page.getByRole("button", { name: "Run test" }).click();
  const result = page.getByRole("status").filter({ hasText: "connected" });
  await expect(result).toContainText("vector, 1 series");
  await expect(result).toContainText("{} 7");
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "admin-data-sources.png"), fullPage: true });

  await row.getByRole("button", { name: "Make default" }).click();
  await expect(row.getByText("default", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Unset default" })).toBeVisible();
  // Back to PROMETHEUS_URL for the other specs sharing this server.
  await row.getByRole("button", { name: "Unset default" }).click();
  await expect(row.getByRole("button", { name: "Make default" })).toBeVisible();

  // A service picks its source in its own form (issue 11 item 6).
  const headers = { authorization: `Bearer ${e2eState().token}` };
  const slug = `ds-e2e-${Date.now()}`;
  await page.request.post("/api/v1/teams", { headers, data: { slug: "ds-e2e", name: "Data sources E2E" } });
  expect(
    (await page.request.post("/api/v1/services", { headers, data: { slug, name: slug, team: "ds-e2e" } })).status(),
  ).toBe(201);
  await page.goto(`/services/${slug}/edit`);
  await page.getByLabel("Data source").selectOption(name);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(new RegExp(`/services/${slug}$`));
  const saved = await (await page.request.get(`/api/v1/services/${slug}`, { headers })).json();
  expect(saved.dataSource?.name).toBe(name);
});
