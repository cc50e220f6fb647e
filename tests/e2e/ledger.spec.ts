import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, e2eState, login, open } from "./fixtures";

// Issue 16 items 1–2 in Debian's chromium against `next start` and a real Prometheus over the known
// scenario: "payments" fails exactly 1 % of 5 req/s, so any range's bad events are 0.05 per second.
// Two incidents and one deploy on a payments SLO: the SLO page's burndown carries their bands and the
// ledger table lists each part (300, 270 and 4,050 bad events) and the total consumed; an incident that
// spent 25 % of another SLO's budget says so and shows "Postmortem required (budget policy)".
test.describe.configure({ mode: "serial" });

const TEAM = "e2e-ledger-team";
const H = 3600;
const M = 60;
const iso = (sec: number) => new Date(sec * 1000).toISOString();
const sli = {
  kind: "ratio",
  total: 'http_requests_total{service="payments"}',
  bad: 'http_requests_total{service="payments",code=~"5.."}',
};
const ids: Record<string, string> = {};
let policyIncident = 0;

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
};

test.beforeAll(async ({ playwright, baseURL }) => {
  const end = e2eState().scenarioEnd;
  const api: APIRequestContext = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${e2eState().token}` },
  });
  expect([201, 409]).toContain(
    (await api.post("/api/v1/teams", { data: { slug: TEAM, name: "E2E ledger" } })).status(),
  );
  for (const slug of ["e2e-ledger-pay", "e2e-ledger-pol"]) {
    expect([201, 409]).toContain(
      (await api.post("/api/v1/services", { data: { slug, name: slug, team: TEAM } })).status(),
    );
    const slo = await api.post("/api/v1/slos", {
      data: {
        name: `${slug}-availability`,
        service: slug,
        sli,
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
      },
    });
    expect(slo.status(), await slo.text()).toBe(201);
    ids[slug] = (await slo.json()).id;
  }
  const declare = async (service: string, title: string, from: number, to: number) => {
    const res = await api.post("/api/v1/incidents", {
      data: {
        title,
        severity: "SEV-3",
        services: [service],
        impactStartAt: iso(from),
        detectedAt: iso(from),
        mitigatedAt: iso(to),
        resolvedAt: iso(to),
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).number as number;
  };
  await declare("e2e-ledger-pay", "Payments errors A", end - 50 * H + 20 * M, end - 48 * H);
  await declare("e2e-ledger-pay", "Payments errors B", end - 30 * H, end - 29 * H + 30 * M);
  const dep = await api.post("/api/v1/deployments", {
    data: { service: "e2e-ledger-pay", version: "v42", at: iso(end - 31 * H) },
  });
  expect(dep.status(), await dep.text()).toBe(201);
  // 18 h at 0.05 bad/s = 3 240 bad = 25 % of the 12 960 a 30-day window allows.
  policyIncident = await declare("e2e-ledger-pol", "Payments long degradation", end - 100 * H, end - 82 * H);
  await api.dispose();
});

test("the SLO page annotates the burndown with incident and deploy bands and lists the ledger, which adds up", async ({
  page,
}) => {
  await login(page);
  await open(page, `/slos/${ids["e2e-ledger-pay"]}`);
  const chart = page.locator('#burndown figure[aria-label="Error budget burndown"]');
  await expect(chart).toHaveAttribute("data-bands", "3", { timeout: 20_000 });
  await expect(chart.locator("[data-band-kind=incident]")).toHaveText("Incident");
  await expect(chart.locator("[data-band-kind=deploy]")).toHaveText("After a deploy");
  await expect(chart.locator(".recharts-reference-area")).toHaveCount(3);

  const ledger = page.locator("#ledger");
  const row = (name: string) => ledger.getByRole("row").filter({ hasText: name });
  await expect(row("Payments errors A")).toContainText("300");
  await expect(row("Payments errors B")).toContainText("270");
  await expect(row("Deploy v42")).toContainText("4,050");
  // 129.6 k bad in a full 30 days, less the hour or two between the scenario's end and now.
  await expect(ledger.locator("[data-ledger-kind=total]")).toContainText(/Total consumed.*12\d k/);
  // ~10 budgets spent a month: each part's share over the same allowed events; A = 300 / ~12.9 k.
  await expect(row("Payments errors A")).toContainText(/2\.3 %/);
  await expect(ledger.locator("[data-ledger-kind=unattributed]")).toContainText(/9\d\d\.\d %/);
  await shot(page, "ledger-slo.png");
});

test("an incident that spent 25 % of a budget says so and requires a postmortem (budget policy)", async ({ page }) => {
  await login(page);
  await open(page, `/incidents/${policyIncident}`);
  const card = page.locator("#budget-spent");
  await expect(card).toContainText("This incident spent 25.0 % of e2e-ledger-pol-availability's 30-day budget", {
    timeout: 20_000,
  });
  await expect(card.getByText("Postmortem required (budget policy)")).toBeVisible();
  await expect(card).toContainText("No P0/P1 action item yet");
  await shot(page, "ledger-incident.png");
});
