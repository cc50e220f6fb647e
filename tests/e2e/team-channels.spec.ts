import { expect, test } from "@playwright/test";
import { startSlackStandin, startTeamsStandin, type StandinHandle } from "../harness/chat-standins";
import { e2eState, login } from "./fixtures";

// A team's notification channels in the browser (issue 13): the empty state, validation messages that
// name their field (focus moves to the first one to fix), adding a Slack-format channel with the
// keyboard, verifying it with the code the channel received (a protocol-speaking Slack stand-in on
// 127.0.0.1, which the e2e server may reach), a test message, a Teams channel, and removing one.

const codeIn = async (h: StandinHandle, path: string) => {
  for (let i = 0; i < 150; i++) {
    const hit = h.requests.filter((r) => r.path === path && /\b\d{6}\b/.test(r.raw)).at(-1);
    if (hit) return { code: /Enter this code to verify the contact method: (\d{6})/.exec(hit.raw)![1]!, request: hit };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code reached ${path}`);
};

test("team channels: empty state, field-named errors, add with the keyboard, verify with the received code, test, remove", async ({
  page,
  request,
}) => {
  const { token } = e2eState();
  const slack = await startSlackStandin();
  const teams = await startTeamsStandin();
  try {
    const res = await request.post("/api/v1/teams", {
      data: { slug: "e2e-channels", name: "E2E channels" },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    await login(page);
    await page.goto("/teams/e2e-channels");

    const card = page.getByRole("region", { name: "Notification channels (0)" });
    await expect(card.getByRole("heading", { name: "No notification channels yet" })).toBeVisible();
    const form = page.getByRole("form", { name: "Add a team channel" });

    // Nothing filled in: each message names its field, and focus lands on the first one to fix.
    await form.getByRole("button", { name: "Add and send code" }).click();
    await expect(form.getByText("Name is required")).toBeVisible();
    await expect(form.getByText("E-mail address is required")).toBeVisible();
    await expect(form.getByLabel("Name")).toBeFocused();

    await form.getByLabel("Kind").selectOption({ label: "Slack / Mattermost / Rocket.Chat incoming webhook" });
    await form.getByLabel("Name").focus();
    await page.keyboard.type("#oncall slack");
    await page.keyboard.press("Tab");
    await expect(form.getByLabel("Webhook URL")).toBeFocused();
    await page.keyboard.type("ftp://hooks.example/x");
    await page.keyboard.press("Enter");
    await expect(form.getByText("Webhook URL must start with http:// or https://")).toBeVisible();
    await expect(form.getByLabel("Webhook URL")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(`${slack.url}/services/T0E2E/B0E2E/e2e`);
    await page.keyboard.press("Enter");
    await expect(page.getByText('"#oncall slack" added')).toBeVisible();

    const item = page.getByRole("listitem").filter({ hasText: "#oncall slack" });
    await expect(item.getByText("Not verified")).toBeVisible();
    const { code, request: verifyMessage } = await codeIn(slack, "/services/T0E2E/B0E2E/e2e");
    expect(verifyMessage.problem).toBeNull(); // a body Slack accepts, answered "ok"
    expect(verifyMessage.answer).toBe("ok");

    const verify = item.getByRole("form", { name: "Verify #oncall slack" });
    await verify.getByLabel("Verification code").fill(code === "000000" ? "111111" : "000000");
    await verify.getByLabel("Verification code").press("Enter");
    await expect(verify.getByText("wrong code; 4 tries left")).toBeVisible();
    await verify.getByLabel("Verification code").fill(code);
    await verify.getByLabel("Verification code").press("Enter");
    await expect(item.getByText("Verified", { exact: true })).toBeVisible();

    const before = slack.requests.length;
    await item.getByRole("button", { name: "Send test notification" }).click();
    await expect(item.getByText("A test notification is on its way")).toBeVisible();
    await expect
      .poll(
        () =>
          slack.requests
            .slice(before)
            .some((r) => r.raw.includes("Test notification from SRE Control Plane") && r.status === 200),
        { timeout: 20_000 },
      )
      .toBe(true);

    // A Teams channel: its code arrives in an Adaptive Card the Teams stand-in accepted.
    await form.getByLabel("Kind").selectOption({ label: "Microsoft Teams incoming webhook" });
    await form.getByLabel("Name").fill("Teams war room");
    await form.getByLabel("Webhook URL").fill(`${teams.url}/workflows/e2e/triggers/manual/paths/invoke`);
    await form.getByRole("button", { name: "Add and send code" }).click();
    await expect(page.getByRole("region", { name: "Notification channels (2)" })).toBeVisible();
    const teamsCode = await codeIn(teams, "/workflows/e2e/triggers/manual/paths/invoke");
    expect(teamsCode.request.status).toBe(202);

    // Remove the Slack channel (behind a confirmation dialog).
    await item.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("region", { name: "Notification channels (1)" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "#oncall slack" })).toHaveCount(0);
    await expect(page.getByRole("listitem").filter({ hasText: "Teams war room" })).toBeVisible();
  } finally {
    await slack.stop();
    await teams.stop();
  }
});
