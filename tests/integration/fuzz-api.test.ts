import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS, type Operation } from "@/lib/openapi";
import { discoverRoutes } from "../harness/api-routes";
import { CREDENTIAL, describeRequest, requestsFor, type FuzzRequest, type Known } from "../harness/fuzz-requests";
import { call, userWithToken } from "./helpers/api";

// Issue 12: property-based fuzzing of every documented operation (lib/openapi, which includes the
// Alertmanager webhook and the iCal feed) with wrong types, missing and extra fields, huge and NUL strings,
// bad path and query values, wrong content types and oversized bodies, called in-process with an admin
// token so requests get past authentication. No response may be a 5xx, every 4xx carries the error envelope
// (code, message) and every 422 names its fields.
// Seeded: FUZZ_SEED reproduces a run, FUZZ_RUNS changes the count per operation (default: ≥ 10,000 total).
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.ceil(10_000 / OPERATIONS.length) + 1);

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const root = path.resolve(__dirname, "../..");
const files = new Map(discoverRoutes(root).map((r) => [r.path, r.file]));
const handlers = new Map<string, Record<string, Handler>>();
async function handlerOf(op: Operation): Promise<Handler> {
  const file = files.get(op.path);
  if (!file) throw new Error(`no route file for ${op.path}`);
  if (!handlers.has(file)) handlers.set(file, (await import(file)) as Record<string, Handler>);
  const h = handlers.get(file)![op.method];
  if (!h) throw new Error(`${file} exports no ${op.method}`);
  return h;
}
const route = (p: string, m: string) => handlerOf(OPERATIONS.find((o) => o.path === p && o.method === m)!);

let admin = "";
let integrationToken = "";
const known: Known = {};
let sent = 0;

/** Creates one of each entity the paths refer to, so that many fuzzed requests reach the services. */
async function fixture(p: string, body: unknown, params: Record<string, string> = {}, method = "POST") {
  const res = await call(await route(p, method), { method, token: admin, body, params });
  expect(res.status, `${method} ${p}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

beforeAll(async () => {
  const me = await userWithToken("admin");
  admin = me.token;
  const team = "fuzz-team";
  const service = "fuzz-svc";
  await fixture("/api/v1/teams", { slug: team, name: "Fuzz" });
  await fixture("/api/v1/services", { slug: service, name: "Fuzz service", team });
  const slo = await fixture("/api/v1/slos", {
    service,
    name: "fuzz-availability",
    objective: 0.999,
    window: { kind: "rolling", days: 30 },
    sli: {
      kind: "ratio",
      total: `http_requests_total{service="fuzz"}`,
      bad: `http_requests_total{service="fuzz",code=~"5.."}`,
    },
  });
  const schedule = await fixture("/api/v1/schedules", {
    team,
    name: "Fuzz primary",
    timezone: "Europe/Berlin",
    layers: [
      {
        name: "Primary",
        rotation: { unit: "week", every: 1 },
        handoffTime: "09:00",
        startAt: "2026-01-05T08:00:00Z",
        participants: [me.id],
      },
    ],
  });
  const S = "/api/v1/schedules/{id}";
  const override = await fixture(
    `${S}/overrides`,
    { kind: "add", userId: me.id, startAt: "2030-01-01T00:00:00Z", endAt: "2030-01-02T00:00:00Z" },
    { id: schedule.id },
  );
  const policy = await fixture("/api/v1/escalation-policies", {
    team,
    name: "Fuzz escalation",
    services: [service],
    steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: me.id }] }],
  });
  const integration = await fixture("/api/v1/integrations", {
    name: "Fuzz AM",
    routes: [{ matchers: [{ label: "service", op: "=", value: "fuzz" }], service }],
  });
  integrationToken = integration.token;
  const feed = await fixture(`${S}/calendar-feeds`, undefined, { id: schedule.id });
  const incident = await fixture("/api/v1/incidents", {
    title: "Fuzz incident",
    severity: "SEV-2",
    services: [service],
  });
  const entry = await fixture(
    "/api/v1/incidents/{id}/timeline",
    { at: "2026-06-01T10:00:00Z", kind: "note", text: "fuzz note" },
    { id: incident.id },
  );
  const item = await fixture("/api/v1/action-items", { incidentId: incident.id, title: "Fuzz item" }).catch(() => null);
  const deployment = await fixture("/api/v1/deployments", { service, version: "1.0.0" });
  const feedToken = String(feed.url).split("/").pop()!;
  const contactMethod = await fixture("/api/v1/me/contact-methods", {
    kind: "email",
    name: "Fuzz mail",
    target: "fuzz@example.com",
  });
  Object.assign(known, {
    "teams/{slug}": [team],
    "team/{slug}": [team],
    "services/{slug}": [service],
    "slos/{id}": [slo.id],
    "versions/{number}": ["1", "2"],
    "schedules/{id}": [schedule.id],
    "overrides/{overrideId}": [override.id],
    "escalation-policies/{id}": [policy.id],
    "integrations/{id}": [integration.id],
    "calendar/{token}": [feedToken, feedToken.replace(/\.ics$/, "")],
    "feeds/{id}": [feed.id],
    "incidents/{id}": [incident.id],
    "postmortems/{id}": [incident.id],
    "timeline/{entryId}": [entry.id],
    "action-items/{id}": item ? [item.id] : [],
    "deployments/{id}": [deployment.id],
    "page-actions/{token}": ["0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"],
    "contact-methods/{id}": [contactMethod.id],
  });
}, 120_000);

async function send(op: Operation, r: FuzzRequest) {
  const qs = new URLSearchParams(r.query).toString();
  const token = op.auth === "integration-token" ? integrationToken : admin;
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.replace(CREDENTIAL, token)]));
  const req = new Request(`http://fuzz.local${r.path}${qs ? `?${qs}` : ""}`, {
    method: r.method,
    headers,
    body: r.body,
  });
  const res = await (await handlerOf(op))(req, { params: Promise.resolve(r.params) });
  sent += 1;
  return { status: res.status, text: await res.text() };
}

function check(r: FuzzRequest, res: { status: number; text: string }) {
  const fail = (why: string) => {
    throw new Error(
      `${why}\n${describeRequest(r)}\n→ ${res.status} ${res.text.slice(0, 1000)}\nreproduce: FUZZ_SEED=${SEED} npx vitest run tests/integration/fuzz-api.test.ts`,
    );
  };
  if (res.status >= 500) fail("5xx response");
  if (res.status < 400) return;
  let error: { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  try {
    error = (JSON.parse(res.text) as { error?: typeof error }).error;
  } catch {
    fail(`${res.status} without the JSON error envelope`);
  }
  if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message)
    fail(`${res.status} without error.code and error.message`);
  const fields = error?.fields;
  if (res.status === 422 && (!fields || typeof fields !== "object" || Object.keys(fields).length === 0))
    fail("422 that names no field in error.fields");
}

describe("API fuzzing (every OpenAPI operation, the webhook and the iCal feed)", () => {
  it.each(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o] as const))(
    "%s: never 5xx; 422 names the fields",
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(requestsFor(op, known), async (r) => check(r, await send(op, r))),
        { seed: SEED ^ hash(`${op.method} ${op.path}`), numRuns: RUNS, endOnFailure: true },
      );
    },
  );

  it("sent every planned request: at least 10,000 in total by default", () => {
    expect(sent).toBeGreaterThanOrEqual(OPERATIONS.length * RUNS);
    expect(OPERATIONS.length * RUNS).toBeGreaterThanOrEqual(process.env.FUZZ_RUNS ? OPERATIONS.length : 10_000);
  });
});

/** A stable per-operation seed offset, so one operation's cases do not depend on the ones before it. */
function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
