import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

export const E2E_ADMIN = { email: "e2e-admin@example.com", password: "e2e-admin-password" };
// One file per port, so two e2e runs in the same tree (different E2E_PORT) never read each other's token.
export const E2E_STATE_FILE = path.join(
  process.cwd(),
  "test-results",
  `e2e-state-${process.env.E2E_PORT || "3100"}.json`,
);
/** Everything the e2e server printed (pino JSON lines and Next's own output). */
export const E2E_SERVER_LOG = path.join(
  process.cwd(),
  "test-results",
  `e2e-server-${process.env.E2E_PORT || "3100"}.log`,
);
export const SCREENSHOT_DIR = path.join(process.cwd(), "test-results", "screenshots");

/** What global setup left for the tests: the admin's API token. */
export const e2eState = (): {
  token: string;
  databaseUrl: string;
  prometheusUrl: string;
  scenarioEnd: number;
  mailboxUrl: string;
} => JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8"));

export async function login(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Navigates and waits until React has revealed every streamed Suspense segment: until then the page's
 * content also sits in a hidden <div id="S:n">, and CSS or text locators would match it twice.
 */
/** Streamed pages hold hidden copies of Suspense content until the stream ends; wait for it to end. */
async function streamDone(page: Page) {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
}

export async function open(page: Page, url: string) {
  await page.goto(url);
  await streamDone(page);
}

export async function reload(page: Page) {
  await page.reload();
  await streamDone(page);
}
