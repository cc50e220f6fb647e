import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login } from "./fixtures";

// Issue 11 item 14: at 390 px (a phone) the navigation collapses behind a Menu button instead of
// clipping its labels, and wide tables scroll inside their card rather than the whole page.
test.use({ viewport: { width: 390, height: 844 } });

// The SLO table must have rows for the check to mean anything, also when this spec runs alone.
test.beforeAll(async ({ request }) => {
  const headers = { authorization: `Bearer ${e2eState().token}` };
  const post = (url: string, data: unknown) => request.post(url, { headers, data });
  if ((await post("/api/v1/teams", { slug: "narrow-e2e", name: "Narrow E2E" })).status() === 409) return;
  expect(
    (await post("/api/v1/services", { slug: "narrow-e2e-svc", name: "narrow-e2e-svc", team: "narrow-e2e" })).status(),
  ).toBe(201);
  const slo = await post("/api/v1/slos", {
    service: "narrow-e2e-svc",
    name: "narrow-e2e-availability-with-a-long-name",
    objective: 0.999,
    window: { kind: "rolling", days: 30 },
    sli: {
      kind: "ratio",
      total: 'http_requests_total{service="checkout"}',
      bad: 'http_requests_total{service="checkout",code=~"5.."}',
    },
  });
  expect(slo.status(), await slo.text()).toBe(201);
});

/** The elements that stick out of the viewport, outermost first ("" when the page does not scroll sideways). */
const overflowing = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return "";
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement)
        clipped = getComputedStyle(a).overflowX !== "visible";
      if (r.right > width + 1 && !clipped && out.length < 6)
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} right=${Math.round(r.right)}`);
    }
    return out.join("; ") || "something";
  });

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
    // Polled: the virtualized SLO table lays out after its data arrives.
    await expect
      .poll(() => overflowing(page), { message: `${url} scrolls sideways at 390 px`, timeout: 10_000 })
      .toBe("");
  }
  await page.goto("/slos");
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "narrow-slos.png") });
});
