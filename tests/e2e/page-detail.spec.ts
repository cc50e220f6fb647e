import { expect, test } from "@playwright/test";
import { e2eState, login } from "./fixtures";

// Issue 11 item 12: an on-call page shows its alerts with links to the SLO, runbook and dashboard, and
// "Declare incident" escalates it into an incident the page then links to.
const TEAM = "e2e-pd-team";
const SVC = "e2e-pd-svc";

test("a page lists its alerts with their links and declares an incident", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${e2eState().token}` };
  if ((await request.get(`/api/v1/teams/${TEAM}`, { headers: auth })).status() !== 200) {
    expect(
      (await request.post("/api/v1/teams", { headers: auth, data: { slug: TEAM, name: "Page detail E2E" } })).status(),
    ).toBe(201);
  }
  if ((await request.get(`/api/v1/services/${SVC}`, { headers: auth })).status() !== 200) {
    expect(
      (
        await request.post("/api/v1/services", {
          headers: auth,
          data: { slug: SVC, name: "Page detail E2E service", team: TEAM },
        })
      ).status(),
    ).toBe(201);
  }
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: { name: `E2E page detail ${Date.now()}`, defaultService: SVC },
  });
  expect(integration.status()).toBe(201);
  const { token } = (await integration.json()) as { token: string };
  const labels = { alertname: "E2EBurnRate", severity: "page", slo_id: "e2e-slo-id" };
  const hook = await request.post("/api/v1/integrations/alertmanager", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      version: "4",
      groupKey: `{}:{alertname="E2EBurnRate${Date.now()}"}`,
      status: "firing",
      receiver: "srecp",
      groupLabels: { alertname: labels.alertname },
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: "http://alertmanager.example",
      truncatedAlerts: 0,
      alerts: [
        {
          status: "firing",
          labels,
          startsAt: new Date().toISOString(),
          endsAt: "",
          generatorURL: "",
          fingerprint: `fp-pd-${Date.now()}`,
          annotations: {
            summary: "E2E budget burning",
            runbook_url: "https://runbooks.example.com/e2e",
            dashboard_url: "https://grafana.example.com/d/e2e",
          },
        },
      ],
    },
  });
  expect(hook.status(), await hook.text()).toBe(201);
  const { pageId } = (await hook.json()) as { pageId: string };

  await login(page);
  await page.goto(`/oncall/pages/${pageId}`);
  await expect(page.getByText("E2E budget burning").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "SLO", exact: true })).toHaveAttribute("href", "/slos/e2e-slo-id");
  await expect(page.getByRole("link", { name: "Runbook" })).toHaveAttribute("href", "https://runbooks.example.com/e2e");
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute(
    "href",
    "https://grafana.example.com/d/e2e",
  );

  // During hydration the server-rendered control and the client's may briefly both be in the page.
  await expect(page.getByLabel("Severity")).toHaveCount(1);
  await page.getByLabel("Severity").selectOption("SEV-2");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.waitForURL(/\/incidents\/\d+$/);
  const number = page.url().split("/").pop();
  await page.goto(`/oncall/pages/${pageId}`);
  await expect(page.getByRole("link", { name: `INC-${number}`, exact: true })).toBeVisible();
});
