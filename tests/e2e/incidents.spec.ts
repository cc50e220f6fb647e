import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { SCREENSHOT_DIR, e2eState, login, reload } from "./fixtures";

// Issue acceptance: declare a SEV-2 incident on "search" (whose SLO reads the backfilled scenario with a
// known 2 h, 10 % error incident 72 h before its end: 7200 failed requests), write the postmortem, see
// the impact computed from Prometheus, add action items, send for review, approve as an approver,
// publish, export Markdown. The browser runs in Europe/Berlin to show UTC and local times apart.

const ZONE = "Europe/Berlin";
test.use({ timezoneId: ZONE });

const TEAM = "e2e-inc";
const APPROVER = { email: "e2e-approver@example.com", password: "e2e-approver-password", name: "Alex Approver" };
const H = 3600;

/** A datetime-local value in the browser's zone. */
const local = (epochSec: number) => DateTime.fromSeconds(epochSec, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");

async function api(request: APIRequestContext, method: string, url: string, data?: unknown) {
  const res = await request.fetch(url, { method, headers: { authorization: `Bearer ${e2eState().token}` }, data });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

/** Team, service "search", its SLO (99.9 % / 30 d over the scenario's search traffic) and an approver; idempotent. */
async function setup(request: APIRequestContext) {
  const team = await api(request, "POST", "/api/v1/teams", {
    slug: TEAM,
    name: "Search team",
    timezone: "Europe/Berlin",
  });
  if (team.status === 409) return; // already set up by an earlier test of this run
  expect(team.status).toBe(201);
  expect(
    (await api(request, "POST", "/api/v1/services", { slug: "search", name: "Search", team: TEAM, tier: 1 })).status,
  ).toBe(201);
  const slo = await api(request, "POST", "/api/v1/slos", {
    service: "search",
    name: "search-availability",
    objective: 0.999,
    window: { kind: "rolling", days: 30 },
    sli: {
      kind: "ratio",
      total: 'http_requests_total{service="search"}',
      bad: 'http_requests_total{service="search",code=~"5.."}',
    },
  });
  expect(slo.status, JSON.stringify(slo.body)).toBe(201);
  const { databaseUrl } = e2eState();
  const cli = spawnSync(
    process.execPath,
    [
      "scripts/srecp.mjs",
      "users",
      "create",
      "--email",
      APPROVER.email,
      "--name",
      APPROVER.name,
      "--role",
      "approver",
      "--teams",
      TEAM,
      "--password",
      APPROVER.password,
    ],
    {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      encoding: "utf8",
    },
  );
  expect(cli.status, cli.stderr).toBe(0);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });

test("incident → postmortem with impact from Prometheus → action items → review → approve → publish → Markdown", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  await setup(request);
  const end = e2eState().scenarioEnd;
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await login(page);

  // Declare a SEV-2 incident on search, impact started 72 h before the scenario's end.
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Search returns 503 for a tenth of queries");
  await page.getByRole("radio", { name: /SEV-2/ }).check();
  await page.getByRole("checkbox", { name: /^search\b/ }).check();
  await page.getByLabel("Impact start").fill(local(end - 72 * H));
  await page.getByLabel("Detected").fill(local(end - 72 * H + 300));
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.waitForURL(/\/incidents\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Search returns 503");
  const number = page.url().split("/").pop();

  // Timeline: a backdated, starred entry; then resolve 70 h before the end (backdated status change).
  await page.locator("#timeline-at").fill(local(end - 70 * H - 600));
  await page.locator("#timeline-kind").selectOption("deploy");
  await page.locator("#timeline-text").fill("Rolled back the search index to the previous build");
  await page.getByLabel("Star for the postmortem").check();
  await page.getByRole("button", { name: "Add entry" }).click();
  await expect(page.getByText("Rolled back the search index to the previous build")).toBeVisible();
  await page.locator("#status-at").fill(local(end - 70 * H));
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Status changed from investigating to resolved")).toBeVisible();
  await expect(page.getByText(/added later/).first()).toBeVisible();
  // Shown in UTC and in the viewer's zone.
  const resolvedUtc = new Date((end - 70 * H) * 1000).toISOString().slice(0, 19).replace("T", " ");
  await expect(page.getByText(`${resolvedUtc} UTC`).first()).toBeVisible();
  await shot(page, "incident-page.png");

  // Postmortem: write the sections with a live preview and save.
  await page.getByRole("link", { name: "Postmortem", exact: true }).click();
  await page.waitForURL(/\/postmortem$/);
  await page.getByLabel("Summary (Markdown)").fill("For **two hours** search returned 503 for 10 % of queries.");
  await expect(page.getByLabel("Summary preview").locator("strong")).toHaveText("two hours");
  await page
    .getByLabel("Root cause (Markdown)")
    .fill("A new index build was **not load-tested**; its shards ran out of file handles.");
  await page.getByLabel("Impact (Markdown)").fill("- 10 % of searches failed\n- No data loss");
  await page.getByLabel("What went well (Markdown)").fill("The burn-rate alert fired within 5 minutes.");
  await page.getByLabel("What went poorly (Markdown)").fill("The rollback needed a manual step.");
  await page.getByRole("button", { name: "Save postmortem" }).click();
  await expect(page.getByText(/Saved \(version \d+\)/)).toBeVisible();

  // Impact from Prometheus: 7200 failed of 72 000, 27.78 % of the 30-day budget (7200 / (0.001 × 25 920 000)).
  await page.getByRole("button", { name: "Compute impact" }).click();
  await expect(page.getByTestId("impact-failed-search-availability")).toHaveText("7200");
  await expect(page.getByTestId("impact-budget-search-availability")).toContainText("27.78%");
  await expect(page.getByRole("cell", { name: "72000" })).toBeVisible();

  // Action items.
  for (const [title, priority, type] of [
    ["Alert on search shard file handles", "P1", "detect"],
    ["Load-test index builds before rollout", "P0", "prevent"],
  ] as const) {
    await page.getByLabel("Action", { exact: true }).fill(title);
    await page.locator("#ai-priority").selectOption(priority);
    await page.locator("#ai-type").selectOption(type);
    await page.getByRole("button", { name: "Add action item" }).click();
    await expect(page.getByRole("cell", { name: title, exact: true })).toBeVisible();
  }
  await shot(page, "postmortem-editor.png");

  // Send for review to the approver.
  await page.getByRole("checkbox", { name: APPROVER.name }).check();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("in review", { exact: true }).first()).toBeVisible();

  // The approver approves the revision under review.
  const approverContext = await browser.newContext({ timezoneId: ZONE });
  const approverPage = await approverContext.newPage();
  await login(approverPage, APPROVER.email, APPROVER.password);
  await approverPage.goto(`/incidents/${number}/postmortem`);
  await approverPage.getByRole("button", { name: /^Approve revision \d+$/ }).click();
  await expect(approverPage.getByText("approved", { exact: true }).first()).toBeVisible();
  await shot(approverPage, "postmortem-approved.png");
  await approverContext.close();

  // The author publishes; the impact is frozen.
  await reload(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Revision \d+ is published and immutable/)).toBeVisible();
  await expect(page.getByText("frozen at publication")).toBeVisible();
  await expect(page.getByRole("button", { name: /Recompute impact/ })).toHaveCount(0);
  await shot(page, "postmortem-published.png");

  // Export: the Markdown download, with front matter, the impact table and the action items.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Markdown" }).click(),
  ]);
  const file = path.join(SCREENSHOT_DIR, download.suggestedFilename());
  await download.saveAs(file);
  const md = fs.readFileSync(file, "utf8");
  expect(download.suggestedFilename()).toMatch(/^INC-\d+-postmortem\.md$/);
  expect(md).toMatch(/^---\ntitle: "Search returns 503 for a tenth of queries"\n/);
  expect(md).toContain('status: "published"');
  expect(md).toContain("| search-availability | search |");
  expect(md).toContain("| 7200 | 72000 | 10% | 27.78% |");
  expect(md).toContain("Rolled back the search index to the previous build");
  expect(md).toContain("| Load-test index builds before rollout | — | P0 | prevent |");
  expect(md).toContain(`**Reviewers**: ${APPROVER.name}`);

  // Print-friendly view.
  await page.getByRole("link", { name: "Print-friendly view" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Incident Report: Search returns 503");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await shot(page, "postmortem-print.png");
  await page.emulateMedia({ media: "screen" });

  // The tracker lists the items across teams and highlights overdue ones (one added with a past due date).
  const incidentId = (await api(request, "GET", `/api/v1/incidents/${number}`)).body.id;
  const rollback = await api(request, "POST", `/api/v1/incidents/${incidentId}/action-items`, {
    title: "Document the index rollback",
    priority: "P2",
    type: "repair",
  });
  expect(rollback.status, JSON.stringify(rollback.body)).toBe(201);
  // New items cannot be due in the past; editing an existing one may set a past date.
  expect(
    (
      await api(request, "PATCH", `/api/v1/action-items/${rollback.body.id}`, {
        dueDate: "2026-01-15",
        version: rollback.body.version,
      })
    ).status,
  ).toBe(200);
  await page.goto(`/action-items?team=${TEAM}`);
  await expect(page.getByRole("cell", { name: "Alert on search shard file handles", exact: true })).toBeVisible();
  const lateRow = page.getByRole("row").filter({ hasText: "Document the index rollback" });
  await expect(lateRow).toHaveClass(/row-overdue/);
  await expect(lateRow.getByText("overdue", { exact: true })).toBeVisible();
  await shot(page, "action-items.png");
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/overdue=true/);
  await expect(page.getByRole("row")).toHaveCount(2); // header + the overdue item
  await expect(page.getByRole("cell", { name: "Document the index rollback", exact: true })).toBeVisible();
  // No uncaught error (e.g. a hydration mismatch) on any page of the flow.
  expect(pageErrors).toEqual([]);
});

test("two people save the same postmortem version: the second sees both versions and merges", async ({
  browser,
  request,
}) => {
  await setup(request);
  const inc = await api(request, "POST", "/api/v1/incidents", {
    title: "Conflicting edits",
    severity: "SEV-3",
    services: ["search"],
  });
  expect(inc.status).toBe(201);
  const open = async () => {
    const context = await browser.newContext({ timezoneId: ZONE });
    const page = await context.newPage();
    await login(page);
    await page.goto(`/incidents/${inc.body.number}/postmortem`);
    return { context, page };
  };
  const a = await open();
  const b = await open();
  await a.page.getByLabel("Summary (Markdown)").fill("Alice: the cache expired everywhere at once.");
  await b.page.getByLabel("Summary (Markdown)").fill("Bob: a cache stampede after the deploy.");
  await a.page.getByRole("button", { name: "Save postmortem" }).click();
  await expect(a.page.getByText(/Saved \(version 2\)/)).toBeVisible();
  await b.page.getByRole("button", { name: "Save postmortem" }).click();
  const dialog = b.page.getByRole("dialog", { name: "Someone else saved this postmortem" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("mine-summary")).toHaveText("Bob: a cache stampede after the deploy.");
  await expect(dialog.getByTestId("theirs-summary")).toHaveText("Alice: the cache expired everywhere at once.");
  await shot(b.page, "postmortem-conflict.png");
  await dialog
    .getByLabel("Merged Summary")
    .fill("Alice: the cache expired everywhere at once. Bob: a cache stampede after the deploy.");
  await dialog.getByRole("button", { name: "Save merged version" }).click();
  await expect(b.page.getByText(/Saved \(version 3\)/)).toBeVisible();
  const doc = await api(request, "GET", `/api/v1/incidents/${inc.body.id}/postmortem`);
  expect(doc.body.sections.summary).toBe(
    "Alice: the cache expired everywhere at once. Bob: a cache stampede after the deploy.",
  );
  await a.context.close();
  await b.context.close();
});
