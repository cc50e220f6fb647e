import { expect, test, type APIRequestContext } from "@playwright/test";
import { e2eState, login } from "./fixtures";

// Issue 13 acceptance in the browser: a user adds an e-mail contact method, verifies it with the code the
// real SMTP server received, sets a notification rule, and sees a live toast when a page for them opens
// (pushed over the live-events stream, no reload).

const api = (request: APIRequestContext, token: string) => ({
  get: async (path: string) => (await request.get(path, { headers: { authorization: `Bearer ${token}` } })).json(),
  post: async (path: string, data: unknown, bearer = token) => {
    const res = await request.post(path, { data, headers: { authorization: `Bearer ${bearer}` } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  },
});

async function mailTo(mailboxUrl: string, address: string, subject: RegExp): Promise<{ text: string }> {
  for (let i = 0; i < 100; i++) {
    const messages = (await (await fetch(`${mailboxUrl}/messages`)).json()) as {
      to: string[];
      subject: string;
      text: string;
    }[];
    const hit = messages.filter((m) => m.to.includes(address) && subject.test(m.subject)).at(-1);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail to ${address} matching ${subject}`);
}

test("add and verify an e-mail method from the code in the inbox, set a rule, and get a live toast when paged", async ({
  page,
  request,
}) => {
  const { token, mailboxUrl } = e2eState();
  const admin = api(request, token);
  const me = await admin.get("/api/v1/me");
  await login(page);
  await page.goto("/settings/profile");

  const form = page.getByRole("form", { name: "Add a contact method" });
  await form.getByLabel("Name").fill("Work e-mail");
  await form.getByLabel(/e-mail address/i).fill(me.email);
  await form.getByRole("button", { name: "Add and send code" }).click();
  const mail = await mailTo(mailboxUrl, me.email, /code|verify/i);
  const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
  const verify = page.getByRole("form", { name: "Verify Work e-mail" });
  await verify.getByLabel("Verification code").fill(code);
  await verify.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("button", { name: "Send test notification" })).toBeVisible();

  const rules = page.getByRole("form", { name: "Notification rules" });
  await rules.getByRole("button", { name: "Add a rule" }).click();
  await rules.getByLabel("Rule 1: contact method").selectOption({ label: "Work e-mail" });
  await rules.getByLabel("minutes after I am paged").fill("0");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect.poll(async () => (await admin.get("/api/v1/me/notification-rules")).rules.length).toBe(1);

  // A service whose policy pages this user, and an Alertmanager alert for it.
  await admin.post("/api/v1/teams", { slug: "e2e-notify", name: "E2E notify" });
  await admin.post("/api/v1/services", { slug: "e2e-notify-api", name: "Notify API", team: "e2e-notify" });
  await admin.post("/api/v1/escalation-policies", {
    team: "e2e-notify",
    name: "Notify",
    repeat: 0,
    services: ["e2e-notify-api"],
    steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: me.id }] }],
  });
  const integration = await admin.post("/api/v1/integrations", {
    name: "e2e-notify-am",
    routes: [],
    defaultService: "e2e-notify-api",
  });
  await page.waitForTimeout(500); // the tab's event stream is open
  await admin.post(
    "/api/v1/integrations/alertmanager",
    {
      version: "4",
      status: "firing",
      receiver: "srecp",
      groupKey: "e2e-notify-1",
      truncatedAlerts: 0,
      externalURL: "http://am.local",
      groupLabels: { alertname: "CheckoutErrors" },
      commonLabels: { alertname: "CheckoutErrors", severity: "page" },
      commonAnnotations: { summary: "Checkout is failing" },
      alerts: [
        {
          status: "firing",
          labels: { alertname: "CheckoutErrors", severity: "page" },
          annotations: {},
          startsAt: new Date().toISOString(),
          endsAt: "0001-01-01T00:00:00Z",
          generatorURL: "",
          fingerprint: "fp-e2e-notify-1",
        },
      ],
    },
    integration.token,
  );

  const toast = page.getByRole("status", { name: "Notifications" });
  await expect(toast.getByText("You are paged")).toBeVisible({ timeout: 15_000 });
  await expect(toast.getByRole("link", { name: "Open the page" })).toBeVisible();
  // and the e-mail with its acknowledge link reached the inbox
  const paged = await mailTo(mailboxUrl, me.email, /CheckoutErrors|Checkout/i);
  expect(paged.text).toMatch(/\/api\/v1\/page-actions\//);
});
