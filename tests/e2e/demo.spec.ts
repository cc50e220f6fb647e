import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../harness/process";

// The quick start with the demo, as a new user runs it (issue 14): `npm start` on a fresh DATA_DIR brings
// its own Prometheus; stop it, `srecp demo`, start again. Signed in as a demo user, the home page shows
// payments burning (a live 1 h burn number from the blocks and the live exporter), its budget policy
// frozen with the reason, and the fast burn's page open and unacknowledged; the release gate answers frozen
// with the reason, /slos has a number for every demo SLO, payments' burndown is drawn, the page is on
// /oncall/pages.
const root = process.cwd();
let dataDir = ""; // made in the test: Playwright also loads this file in processes that run no test
const env = (port: number): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: "",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PROMETHEUS_URL: "",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    SLO_REFRESH_SECONDS: "5",
  };
  delete e.NEXTAUTH_SECRET;
  delete e.SRECP_LOCAL_PROMETHEUS;
  return e;
};

async function startApp(port: number): Promise<ChildProcess> {
  const app = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: env(port),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`http://127.0.0.1:${port}/api/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return app;
    if (app.exitCode !== null) throw new Error(`app exited ${app.exitCode}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the app did not become ready within 120 s");
}
const stopApp = async (app: ChildProcess) => {
  const exited = new Promise((r) => (app.exitCode !== null ? r(app.exitCode) : app.once("exit", r)));
  app.kill("SIGTERM");
  await exited;
};

let app: ChildProcess | null = null;
test.afterAll(async () => {
  if (app) await stopApp(app);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test("quick start + demo: the home shows a live burn number, a frozen budget policy and an open page", async ({
  page,
}) => {
  test.setTimeout(300_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-demo-e2e-"));
  const port = await freePort();
  // First start: creates the database and the local Prometheus' data directory.
  await stopApp(await startApp(port));
  const demo = spawnSync(process.execPath, [path.join(root, "scripts/srecp.mjs"), "demo"], {
    cwd: root,
    env: env(port),
    encoding: "utf8",
  });
  expect(demo.status, demo.stderr).toBe(0);
  expect(demo.stdout).toContain("alice@example.com");
  const endSec = Date.parse(/demo traffic: 35 days ending (\S+) written/.exec(demo.stdout)![1]!) / 1000;
  app = await startApp(port);

  // The demo exporter continues the traffic: Prometheus has payments samples after the demo's end.
  const { url: promUrl } = JSON.parse(fs.readFileSync(path.join(dataDir, "prometheus/state.json"), "utf8")) as {
    url: string;
  };
  const latest = async () => {
    const q = new URLSearchParams({ query: 'max(timestamp(http_requests_total{service="payments"}))' });
    const body = (await (await fetch(`${promUrl}/api/v1/query?${q}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    return Number(body.data.result[0]?.value[1] ?? 0);
  };
  await expect.poll(latest, { timeout: 60_000 }).toBeGreaterThan(endSec);

  // This app, not the e2e global server (baseURL): the demo lives in its own embedded database.
  const base = `http://127.0.0.1:${port}`;
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.port === String(port) && !url.pathname.startsWith("/login"));
  await page.goto(`${base}/`);
  const slo = page.locator("#home-slos").getByRole("listitem").filter({ hasText: "payments-availability" });
  await expect(slo).toContainText(/burn (\d+\.\d)× \(1 h\)/, { timeout: 30_000 });
  const burn = Number(/burn (\d+\.\d)× \(1 h\)/.exec((await slo.textContent()) ?? "")![1]);
  expect(burn).toBeGreaterThan(14.4); // page tier: the model's fast burn is 50 over the last hour
  const frozen = slo.getByText("Frozen", { exact: true });
  await expect(frozen).toBeVisible();
  await expect(frozen).toHaveAttribute(
    "title",
    /payments-availability: -\d+(\.\d+)? % of the error budget left \(freeze at 0 %\)/,
  );
  await expect(slo).toContainText(/-\d+(\.\d+)? ?% of the budget left/);

  const openPage = page
    .locator("#home-pages")
    .getByRole("listitem")
    .filter({ hasText: "payments-availability is burning its error budget" });
  await expect(openPage).toBeVisible();
  await expect(openPage.getByText("unacknowledged", { exact: true })).toBeVisible();
  await expect(openPage).toContainText("payments");

  // The release gate over the API (alice's session) answers frozen with the reason.
  const gate = await page.request.get(`${base}/api/v1/services/payments/release-gate`);
  expect(gate.status()).toBe(200);
  const answer = (await gate.json()) as { allowed: boolean; state: string; reasons: string[] };
  expect(answer).toMatchObject({ allowed: false, state: "frozen" });
  expect(answer.reasons).toContainEqual(
    expect.stringMatching(/^payments-availability: -\d+(\.\d+)? % of the error budget left \(freeze at 0 %\)$/),
  );

  // /slos: a number for every demo SLO in force (payments-latency awaits sign-off), none "no data".
  await page.goto(`${base}/slos`);
  for (const name of ["checkout-availability", "payments-availability", "search-availability"]) {
    const row = page.locator("table.slo-table tr").filter({ hasText: name });
    await expect(row).toContainText(/-?\d+(\.\d+)? ?%/);
    await expect(row).not.toContainText("no data");
  }
  // payments' burndown chart is drawn, from points.
  const id = await page
    .locator("table.slo-table tr")
    .filter({ hasText: "payments-availability" })
    .getAttribute("data-slo");
  await page.goto(`${base}/slos/${id}`);
  const burndown = page.locator("figure.chart").filter({ hasText: "Remaining budget" });
  await expect(burndown).toHaveAttribute("data-points", /^[1-9]\d*$/, { timeout: 60_000 });

  // The page is open on /oncall/pages.
  await page.goto(`${base}/oncall/pages?status=open`);
  await expect(page.getByText("payments-availability is burning its error budget 50× too fast").first()).toBeVisible();
});
