import path from "node:path";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login, reload } from "./fixtures";

const TEAM = "e2e-int-team";
const SVC = "e2e-int-svc";

test.beforeAll(async ({ request }) => {
  const auth = { authorization: `Bearer ${e2eState().token}` };
  // Idempotent: Playwright reruns beforeAll in a new worker after a failure.
  if ((await request.get(`/api/v1/teams/${TEAM}`, { headers: auth })).status() !== 200) {
    const team = await request.post("/api/v1/teams", { headers: auth, data: { slug: TEAM, name: "Integrations E2E" } });
    expect(team.status()).toBe(201);
  }
  if ((await request.get(`/api/v1/services/${SVC}`, { headers: auth })).status() !== 200) {
    const svc = await request.post("/api/v1/services", {
      headers: auth,
      data: { slug: SVC, name: "Integrations E2E service", team: TEAM },
    });
    expect(svc.status()).toBe(201);
  }
});

test("an admin creates an Alertmanager integration in the browser and its token opens a routed page", async ({
  page,
  request,
}) => {
  await login(page);
  await page.goto("/oncall");
  await page.getByRole("link", { name: "Alertmanager integrations" }).click();
  await expect(page.getByRole("heading", { name: "Alertmanager integrations", level: 1 })).toBeVisible();

  const name = `E2E Alertmanager ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add a route" }).click();
  await page.getByLabel("Route 1 service").selectOption(SVC);

  // A matcher that does not parse is refused in the browser, with the reason next to the input.
  await page.getByLabel("Route 1 matchers").fill('severity="page" team');
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText('expected "," after severity="page"')).toBeVisible();

  await page.getByLabel("Route 1 matchers").fill('severity="page", team=~"db.*|e2e"');
  await page.getByRole("button", { name: "Create integration" }).click();

  const tokenBox = page.getByTestId("integration-token");
  await expect(tokenBox).toBeVisible();
  const token = (await tokenBox.textContent())!.trim();
  expect(token).toMatch(/^srecp_am_/);
  const snippet = page.getByLabel("Alertmanager configuration");
  await expect(snippet).toContainText(`url: ${new URL(page.url()).origin}/api/v1/integrations/alertmanager`);
  await expect(snippet).toContainText(`credentials: ${token}`);
  await expect(snippet).toContainText("send_resolved: true");

  const row = page
    .getByRole("table", { name: "Alertmanager integrations" })
    .getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`severity="page", team=~"db.*|e2e" → ${SVC}`);
  await expect(row).toContainText(token.slice(0, 15));
  await expect(row).toContainText("active");
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "oncall-integrations.png"), fullPage: true });

  // The token is shown once: after a reload only its prefix remains.
  await reload(page);
  await expect(page.getByTestId("integration-token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  const groupKey = `{}:{alertname="E2EIntegration${Date.now()}"}`;
  const labels = { alertname: "E2EIntegration", severity: "page", team: "e2e" };
  const hook = await request.post("/api/v1/integrations/alertmanager", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      version: "4",
      groupKey,
      status: "firing",
      receiver: "srecp",
      groupLabels: { alertname: labels.alertname },
      commonLabels: labels,
      commonAnnotations: { summary: "E2E integration alert" },
      externalURL: "http://alertmanager.example",
      truncatedAlerts: 0,
      alerts: [
        {
          status: "firing",
          labels,
          annotations: { summary: "E2E integration alert" },
          startsAt: new Date().toISOString(),
          endsAt: "",
          generatorURL: "",
          fingerprint: `fp-${Date.now()}`,
        },
      ],
    },
  });
  expect(hook.status(), await hook.text()).toBeGreaterThanOrEqual(200);
  expect(hook.status()).toBeLessThan(300);

  const pages = await request.get(`/api/v1/pages?status=triggered&service=${SVC}&pageSize=50`, {
    headers: { authorization: `Bearer ${e2eState().token}` },
  });
  expect(pages.status()).toBe(200);
  const body = (await pages.json()) as {
    items: { service: { slug: string } | null; integration: { name: string } | null }[];
  };
  expect(body.items.some((p) => p.service?.slug === SVC && p.integration?.name === name)).toBe(true);

  // Last used now shows, and revoking (after confirmation) marks it revoked.
  await reload(page);
  await expect(row.getByText("never")).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke integration" }).click();
  await expect(row).toContainText("revoked");
  const refused = await request.post("/api/v1/integrations/alertmanager", {
    headers: { authorization: `Bearer ${token}` },
    data: { version: "4" },
  });
  expect(refused.status()).toBe(401);
});
