import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { SCREENSHOT_DIR, e2eState, login } from "./fixtures";

const TEAM = "oncall-e2e";
const PEOPLE = ["Ana", "Ben", "Cem"].map((n) => ({
  name: `${n} Oncall`,
  email: `${n.toLowerCase()}-oncall-e2e@example.com`,
}));

test.beforeAll(async ({ request }) => {
  const { token, databaseUrl, prometheusUrl } = e2eState();
  const auth = { authorization: `Bearer ${token}` };
  // Idempotent: Playwright runs beforeAll again in a new worker after a failed test.
  if ((await request.get(`/api/v1/teams/${TEAM}`, { headers: auth })).status() === 200) return;
  const team = await request.post("/api/v1/teams", {
    headers: auth,
    data: { slug: TEAM, name: "On-call E2E", timezone: "Europe/Berlin" },
  });
  expect(team.status()).toBe(201);
  // Team members through the real CLI (there is no user API), against the e2e database.
  for (const p of PEOPLE) {
    const res = spawnSync(
      process.execPath,
      [
        path.join(process.cwd(), "scripts/srecp.mjs"),
        "users",
        "create",
        "--email",
        p.email,
        "--name",
        p.name,
        "--role",
        "editor",
        "--teams",
        TEAM,
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PROMETHEUS_URL: prometheusUrl,
          NEXTAUTH_SECRET: "e2e-secret",
          LOG_LEVEL: "warn",
        },
        encoding: "utf8",
      },
    );
    expect(res.status, res.stderr).toBe(0);
  }
});

test("an editor creates a weekly schedule in the browser and sees who is on call now", async ({ page }) => {
  await login(page);
  await page.goto("/oncall");
  await expect(page.getByRole("heading", { name: "On-call", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New schedule" }).click();

  await page.getByLabel("Team", { exact: true }).selectOption(TEAM);
  await page.getByLabel("Name", { exact: true }).fill("E2E primary");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  // The rotation started last Monday, so someone is on call right away.
  const lastMonday = DateTime.now().setZone("Europe/Berlin").startOf("week").minus({ weeks: 1 });
  await page.getByLabel(/Rotation start/).fill(lastMonday.toFormat("yyyy-LL-dd'T'HH:mm"));
  for (const p of PEOPLE) {
    await page.getByLabel("Add a participant to layer 1").selectOption({ label: `${p.name} (${p.email})` });
    await page.getByRole("button", { name: "Add participant" }).click();
  }
  await expect(page.getByRole("list", { name: "Participants, in turn order" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Create schedule" }).click();

  await expect(page.getByRole("heading", { name: "E2E primary", level: 1 })).toBeVisible();
  const now = page.getByTestId("schedule-oncall-now");
  await expect(now).toContainText(/(Ana|Ben|Cem) Oncall/);
  await expect(page.getByRole("table", { name: /On-call timeline/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Rotation health" })).toContainText("team of 3 is below 6");

  // A one-day override for the next hour onwards appears in the overrides list.
  await page.getByText("Create an override").click();
  await page.getByLabel("Kind").selectOption("add");
  await page.getByLabel("Person on call").selectOption({ label: PEOPLE[2]!.name });
  await page.getByLabel("Reason").fill("shadowing");
  await page.getByRole("button", { name: "Create override" }).click();
  await expect(page.getByText("Override saved.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Overrides" })).toContainText(`${PEOPLE[2]!.name} added`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "oncall-schedule.png"), fullPage: true });

  await page.goto("/oncall");
  const row = page.getByRole("row", { name: /^E2E primary\b/ });
  await expect(row).toContainText(/(Ana|Ben|Cem) Oncall/);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "oncall-overview.png"), fullPage: true });
});

test("a schedule form with bad input shows the field errors inline", async ({ page }) => {
  await login(page);
  await page.goto("/oncall/schedules/new");
  await page.getByLabel("Team", { exact: true }).selectOption(TEAM);
  await page.getByLabel("Name", { exact: true }).fill("Broken");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText("must be an IANA time zone such as Europe/Berlin")).toBeVisible();
});
