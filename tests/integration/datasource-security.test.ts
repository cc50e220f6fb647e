import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as datasources from "@/app/api/v1/datasources/route";
import * as metadata from "@/app/api/v1/prometheus/metadata/route";
import * as services from "@/app/api/v1/services/route";
import * as teams from "@/app/api/v1/teams/route";
import { getDb } from "@/lib/db";
import { resealDataSourceSecrets } from "@/lib/services/datasource-secrets";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { runSrecp } from "../harness/srecp-cli";
import { call, userWithToken } from "./helpers/api";

// Findings 12.6 (SSRF, echoed bodies) and 12.8 (credentials in plain text), through the real routes,
// a real PostgreSQL and the harness' real Prometheus behind a proxy that demands the source's token.
const TOKEN = "prom-proxy-token-7f3a9c1e";
const PASSWORD = "basic-pass-5d2b8e4f";
const servers: http.Server[] = [];
const listen = async (handler: http.RequestListener) => {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

let admin = "";
let viewer = "";
let proxyUrl = "";
let htmlUrl = "";
let closedUrl = "";
const authSeen: (string | undefined)[] = [];

beforeAll(async () => {
  const prometheus = inject("PROMETHEUS_URL");
  proxyUrl = await listen(async (req, res) => {
    authSeen.push(req.headers.authorization);
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return void res.writeHead(401, { "content-type": "text/plain" }).end("missing token");
    const upstream = await fetch(`${prometheus}${req.url}`, {
      method: req.method,
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: req.method === "POST" ? await new Response(req as unknown as ReadableStream).text() : undefined,
    });
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
  });
  htmlUrl = await listen(
    (_req, res) =>
      void res.writeHead(200, { "content-type": "text/html" }).end("<html>router admin: internal-page-body</html>"),
  );
  const probe = await listen(() => undefined);
  closedUrl = probe;
  await new Promise((resolve) => servers.pop()!.close(resolve));
  admin = (await userWithToken("admin")).token;
  viewer = (await userWithToken("viewer")).token;
  await call(teams.POST, { method: "POST", token: admin, body: { slug: "dssec", name: "DS security" } });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const addSource = (body: Record<string, unknown>) => call(datasources.POST, { method: "POST", token: admin, body });
const serviceOn = async (slug: string, dataSource: string) => {
  expect(
    (await call(services.POST, { method: "POST", token: admin, body: { slug, name: slug, team: "dssec", dataSource } }))
      .status,
  ).toBe(201);
};
const metrics = (service: string) =>
  call(metadata.GET, { token: viewer, url: `/api/v1/prometheus/metadata?kind=metrics&service=${service}` });

describe("data-source URLs (SSRF)", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://[fe80::1]:9090",
    "http://0xa9fea9fe/",
  ])("refuses %s on create with 422 naming the URL field", async (url) => {
    const res = await addSource({ name: `meta-${Math.random().toString(36).slice(2, 8)}`, url });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.url).toMatch(/not allowed: .*never allowed/);
  });

  it("answers a closed port and a non-Prometheus page alike, without the page body", async () => {
    expect((await addSource({ name: "closed-port", url: closedUrl, timeoutMs: 2000 })).status).toBe(201);
    expect((await addSource({ name: "html-page", url: htmlUrl, timeoutMs: 2000 })).status).toBe(201);
    await serviceOn("dssec-closed", "closed-port");
    await serviceOn("dssec-html", "html-page");
    const [closed, page] = [await metrics("dssec-closed"), await metrics("dssec-html")];
    expect(closed.status).toBe(503);
    expect(page.status).toBe(closed.status);
    expect(page.body.error.code).toBe(closed.body.error.code);
    const shape = (message: string, url: string) => message.replace(url, "<url>");
    expect(shape(page.body.error.message, htmlUrl)).toBe(shape(closed.body.error.message, closedUrl));
    expect(JSON.stringify(page.body)).not.toContain("internal-page-body");
  });
});

describe("data-source credentials at rest", () => {
  it("stores the bearer token and password sealed, returns only flags, and still authenticates", async () => {
    const res = await addSource({ name: "behind-proxy", url: proxyUrl, authType: "bearer", bearerToken: TOKEN });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ hasBearerToken: true, hasBasicPassword: false });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(
      (
        await addSource({
          name: "basic-one",
          url: proxyUrl,
          authType: "basic",
          basicUser: "u",
          basicPassword: PASSWORD,
        })
      ).status,
    ).toBe(201);

    const list = await call(datasources.GET, { token: viewer });
    expect(JSON.stringify(list.body)).not.toContain(TOKEN);
    expect(JSON.stringify(list.body)).not.toMatch(/v1:[0-9a-f]{12}:/);

    const db = await getDb();
    const rows = await db.$queryRawUnsafe<{ bearerToken: string | null; basicPassword: string | null }[]>(
      `SELECT "bearerToken", "basicPassword" FROM "DataSource" WHERE name IN ('behind-proxy', 'basic-one') ORDER BY name`,
    );
    expect(rows[0]?.basicPassword).toMatch(/^v1:[0-9a-f]{12}:/);
    expect(rows[1]?.bearerToken).toMatch(/^v1:[0-9a-f]{12}:/);
    const dump = execFileSync("pg_dump", ["--data-only", inject("DATABASE_URL")], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump).toContain("behind-proxy");
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toContain(PASSWORD);

    await serviceOn("dssec-proxy", "behind-proxy");
    const ok = await metrics("dssec-proxy");
    expect(ok.status).toBe(200);
    expect(ok.body.items).toContain("http_requests_total");
    expect(authSeen.at(-1)).toBe(`Bearer ${TOKEN}`);
  });

  it("seals a plaintext row left from before encryption, and the source keeps working", async () => {
    const db = await getDb();
    await db.$executeRawUnsafe(
      `INSERT INTO "DataSource" (id, name, url, "authType", "bearerToken", "updatedAt") VALUES ('legacy-ds', 'legacy', $1, 'bearer', $2, now())`,
      proxyUrl,
      TOKEN,
    );
    const result = await resealDataSourceSecrets(SYSTEM_ACTOR);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const [row] = await db.$queryRawUnsafe<{ bearerToken: string }[]>(
      `SELECT "bearerToken" FROM "DataSource" WHERE id = 'legacy-ds'`,
    );
    expect(row?.bearerToken).toMatch(/^v1:/);
    expect(row?.bearerToken).not.toContain(TOKEN);
    await serviceOn("dssec-legacy", "legacy");
    expect((await metrics("dssec-legacy")).status).toBe(200);
    expect((await resealDataSourceSecrets(SYSTEM_ACTOR)).resealed).toBe(0);
  });

  it("srecp secrets rotate re-seals under a new SECRET_KEY, reports rows it cannot open, and rotates back", async () => {
    const db = await getDb();
    const keyIds = async () =>
      (
        await db.$queryRawUnsafe<{ k: string }[]>(
          `SELECT DISTINCT split_part("bearerToken", ':', 2) AS k FROM "DataSource" WHERE "bearerToken" IS NOT NULL`,
        )
      ).map((r) => r.k);
    const old = process.env.SECRET_KEY!;
    const fresh = "rotated-secret-key-for-the-integration-run";
    const [before] = await keyIds();

    // Whatever fails below, the rows go back under the run's key: later test files read them with it.
    const restore = () => runSrecp(["secrets", "rotate"], { SECRET_KEY: old, SECRET_KEY_PREVIOUS: fresh });
    try {
      const rotated = await runSrecp(["secrets", "rotate"], { SECRET_KEY: fresh, SECRET_KEY_PREVIOUS: old });
      expect(rotated.stderr).not.toMatch(/error/i);
      expect(rotated.code).toBe(0);
      expect(rotated.stdout).toMatch(/re-sealed the secrets of [1-9]\d* of \d+ data sources/);
      const after = await keyIds();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);

      const lost = await runSrecp(["secrets", "rotate"], {
        SECRET_KEY: "a-key-that-sealed-nothing-here",
        SECRET_KEY_PREVIOUS: "",
      });
      expect(lost.code).toBe(1);
      expect(lost.stderr).toContain("behind-proxy");
    } finally {
      expect((await restore()).code).toBe(0);
    }
    expect(await keyIds()).toEqual([before]);
    expect((await metrics("dssec-proxy")).status).toBe(200);
    expect(authSeen.at(-1)).toBe(`Bearer ${TOKEN}`);
  }, 180_000);
});
