import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

// Issue 11 item 13: an unknown id is a real HTTP 404 (not a 200 showing "not found"), on every kind of
// detail page and the pages below them, and the segment's not-found message is shown inside the app shell.
const unknown: [string, RegExp][] = [
  ["/slos/does-not-exist", /SLO not found/],
  ["/slos/does-not-exist/edit", /SLO not found/],
  ["/incidents/9999", /Incident not found/],
  ["/incidents/9999/postmortem", /Incident not found/],
  ["/services/no-such-service", /Service not found/],
  ["/teams/no-such-team", /Team not found/],
  ["/reports/team/no-such-team", /No such team/],
  ["/oncall/schedules/no-such-schedule", /Schedule not found/],
  ["/oncall/policies/no-such-policy", /Escalation policy not found/],
  ["/oncall/pages/no-such-page", /Page not found/],
];

test("unknown ids answer 404 with the not-found message", async ({ page }) => {
  await login(page);
  for (const [path, message] of unknown) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByText(message).first(), path).toBeVisible();
  }
  // The list pages (their loading.tsx moved into a "(list)" route group) still answer 200.
  for (const path of [
    "/slos",
    "/incidents",
    "/services",
    "/teams",
    "/reports",
    "/oncall",
    "/oncall/pages",
    "/oncall/policies",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }
});
