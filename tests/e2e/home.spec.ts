import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DateTime } from "luxon";
import { SCREENSHOT_DIR, e2eState, login } from "./fixtures";

// Issue 8 acceptance: home, readiness scorecard and manager report in the browser, over rows seeded through
// the API with the e2e token. Team "home-e2e": service home-e2e-ready has everything in place (signed SLO
// with a runbook, the team's agreed policy, a 2-step escalation over a gap-free schedule); home-e2e-gaps has
// an alerting SLO without a runbook, no escalation policy and an overdue P1 action item. Both SLOs read the
// scenario's payments traffic (1 % errors against 99.9 %), so the budget is overspent: home lists them.

const TEAM = "home-e2e";
const ZONE = "Europe/Berlin";
test.use({ timezoneId: ZONE });

async function api(request: APIRequestContext, method: string, url: string, data?: unknown) {
  const res = await request.fetch(url, { method, headers: { authorization: `Bearer ${e2eState().token}` }, data });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

const payments = {
  kind: "ratio",
  total: 'http_requests_total{service="payments"}',
  bad: 'http_requests_total{service="payments",code=~"5.."}',
};

test.beforeAll(async ({ request }) => {
  const team = await api(request, "POST", "/api/v1/teams", { slug: TEAM, name: "Home E2E", timezone: ZONE });
  if (team.status === 409) return;
  expect(team.status).toBe(201);
  const me = (await api(request, "GET", "/api/v1/me")).body;
  for (const slug of ["home-e2e-ready", "home-e2e-gaps"])
    expect((await api(request, "POST", "/api/v1/services", { slug, name: slug, team: TEAM, tier: 1 })).status).toBe(
      201,
    );
  const slo = async (service: string, name: string, runbookUrl: string | null) => {
    const res = await api(request, "POST", "/api/v1/slos", {
      service,
      name,
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: payments,
      runbookUrl,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await slo("home-e2e-ready", "home-e2e-ready-availability", "https://runbooks.example.com/ready");
  await slo("home-e2e-gaps", "home-e2e-gaps-availability", null);
  expect(
    (
      await api(request, "PUT", `/api/v1/teams/${TEAM}/policy`, {
        agreedBy: "E2E manager",
        atRiskBelow: 0.25,
        freezeAtOrBelow: 0,
      })
    ).status,
  ).toBe(200);
  const start = DateTime.now().setZone(ZONE).startOf("week").minus({ weeks: 2 });
  const schedule = await api(request, "POST", "/api/v1/schedules", {
    team: TEAM,
    name: "Home E2E primary",
    timezone: ZONE,
    requireHandoffNote: false,
    layers: [
      {
        name: "Weekly",
        rotation: { unit: "week", every: 1 },
        handoffTime: "09:00",
        startAt: start.toUTC().toISO(),
        participants: [me.id],
      },
    ],
  });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
  const policy = await api(request, "POST", "/api/v1/escalation-policies", {
    team: TEAM,
    name: "Home E2E escalation",
    services: ["home-e2e-ready"],
    steps: [
      { delayMinutes: 10, targets: [{ kind: "schedule", scheduleId: schedule.body.id }] },
      { delayMinutes: 15, targets: [{ kind: "user", userId: me.id }] },
    ],
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  const incident = await api(request, "POST", "/api/v1/incidents", {
    title: "Home E2E checkout errors",
    severity: "SEV-2",
    services: ["home-e2e-gaps"],
  });
  expect(incident.status, JSON.stringify(incident.body)).toBe(201);
  const due = DateTime.now().setZone(ZONE).minus({ days: 3 }).toISODate();
  // A new item cannot be due in the past: create it, then move its due date back (editing may).
  const item = await api(request, "POST", `/api/v1/incidents/${incident.body.id}/action-items`, {
    title: "Home E2E add a circuit breaker",
    priority: "P1",
    type: "prevent",
  });
  expect(item.status, JSON.stringify(item.body)).toBe(201);
  const late = await api(request, "PATCH", `/api/v1/action-items/${item.body.id}`, {
    dueDate: due,
    version: item.body.version,
  });
  expect(late.status, JSON.stringify(late.body)).toBe(200);
});

test("home shows what needs attention, each item linking to its page", async ({ page }) => {
  await login(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { name: "Home", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Home", exact: true })).toHaveAttribute("aria-current", "page");

  const slos = page.getByRole("region", { name: /SLOs at risk or burning fast/ });
  await expect(slos.getByRole("link", { name: "home-e2e-ready-availability" })).toBeVisible({ timeout: 30_000 });
  await expect(slos.getByRole("listitem").filter({ hasText: "home-e2e-ready-availability" })).toContainText("Frozen");
  const oncall = page.getByRole("region", { name: /On call now/ });
  await expect(oncall.getByRole("link", { name: "Home E2E primary" })).toBeVisible();
  await expect(oncall.getByRole("listitem").filter({ hasText: "Home E2E primary" })).toContainText("E2E Admin");
  await expect(
    page.getByRole("region", { name: /Open incidents/ }).getByRole("link", { name: /Home E2E checkout errors/ }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: /Overdue action items/ })).toContainText(
    "Home E2E add a circuit breaker",
  );
  await expect(page.getByRole("region", { name: /Postmortems due or overdue/ })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "home.png"), fullPage: true });

  await page
    .getByRole("region", { name: /Open incidents/ })
    .getByRole("link", { name: /Home E2E checkout errors/ })
    .click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
});

test("the scorecard passes the ready service on every check and says what to fix for the other", async ({ page }) => {
  await login(page);
  await page.goto("/scorecard");
  await page.getByLabel("Team", { exact: true }).selectOption(TEAM);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/team=home-e2e/);
  const matrix = page.getByRole("table", { name: /Readiness of Home E2E/ });
  const ready = matrix.getByRole("row").filter({ hasText: "home-e2e-ready" });
  await expect(ready.getByText("✓ Pass")).toHaveCount(6);
  await expect(ready).toContainText("6 / 6");
  const gaps = matrix.getByRole("row").filter({ hasText: "home-e2e-gaps" });
  await expect(gaps.getByText("✗ Fail")).toHaveCount(3);
  const checks = page.getByRole("list", { name: "Checks of home-e2e-gaps" });
  await expect(checks).toContainText("1 of 1 alerting SLO(s) have neither a runbook URL nor an in-app runbook");
  await expect(checks).toContainText("The service has no escalation policy");
  await expect(checks.getByRole("link", { name: /Fix: Review overdue action items/ })).toHaveAttribute(
    "href",
    "/action-items?service=home-e2e-gaps&overdue=true",
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "scorecard.png"), fullPage: true });
});

test("the team report shows the month's figures with charts, exports CSV and Markdown, and validates input", async ({
  page,
}) => {
  await login(page);
  const month = DateTime.now().setZone(ZONE).toFormat("yyyy-LL");
  await page.goto("/reports");
  await page.getByLabel("Team", { exact: true }).selectOption(TEAM);
  await page.getByLabel("Period", { exact: true }).fill(month);
  await page.getByLabel("Time zone", { exact: true }).fill(ZONE);
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/team/${TEAM}\\?period=${month}`));
  await expect(page.getByRole("heading", { name: `Home E2E: ${month}`, level: 1 })).toBeVisible();
  const slos = page.getByRole("table", { name: "SLI, budget and frozen days per SLO" });
  await expect(slos.getByRole("row").filter({ hasText: "home-e2e-ready-availability" })).toContainText("99.900 %");
  await expect(page.getByRole("figure", { name: "Budget consumed in the period" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Incidents", exact: true })).toContainText("Home E2E checkout errors");
  await expect(page.getByRole("region", { name: "Action items", exact: true })).toContainText(
    "Home E2E add a circuit breaker",
  );
  await expect(page.getByRole("region", { name: "On-call load" })).toContainText("Home E2E primary");

  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toContain("slo,home-e2e-ready,home-e2e-ready-availability,,objective,0.999");
  const md = await page.request.get((await page.getByRole("link", { name: "Export Markdown" }).getAttribute("href"))!);
  expect(await md.text()).toContain(`# Home E2E: reliability report ${month}`);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "report-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "report.png"), fullPage: true });

  await page.getByLabel("Period", { exact: true }).fill("2026-13");
  await page.getByLabel("Period", { exact: true }).evaluate((el) => el.removeAttribute("pattern"));
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByText("must be a month like 2027-03 or a quarter like 2027-Q1").first()).toBeVisible();
});
