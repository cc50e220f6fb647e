import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument, jsonSchema, OPERATIONS } from "@/lib/openapi";
import { createDeploymentSchema, listDeploymentsSchema } from "@/lib/validation/deployments";
import { createSloSchema } from "@/lib/validation/slo";
import { discoverRoutes } from "../harness/api-routes";
import { call } from "./helpers/api";

// The OpenAPI document and the route files on disk must describe the same API: every exported handler of
// every app/api/v1/**/route.ts is documented, and every documented operation exists.
const root = path.resolve(__dirname, "../..");
const routes = discoverRoutes(root);
const doc = buildOpenApiDocument();
type Op = {
  operationId: string;
  tags: string[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
};
const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
  Object.entries(item as Record<string, Op>).map(([m, o]) => ({ path: p, method: m.toUpperCase(), op: o })),
);
const rel = (f: string) => path.relative(root, f);

describe("OpenAPI document", () => {
  it("documents every method of every /api/v1 route file", () => {
    const documented = new Set(ops.map((o) => `${o.method} ${o.path}`));
    const missing = routes.flatMap((r) =>
      r.methods.filter((m) => !documented.has(`${m} ${r.path}`)).map((m) => `${m} ${r.path}  (${rel(r.file)})`),
    );
    expect(
      missing,
      `Not in lib/openapi/routes (add an op() with the route's zod schemas):\n  ${missing.join("\n  ")}\n`,
    ).toEqual([]);
  });

  it("documents nothing that does not exist", () => {
    const onDisk = new Set(routes.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
    const extra = ops.filter((o) => !onDisk.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`);
    expect(extra, `Documented but no such route handler:\n  ${extra.join("\n  ")}\n`).toEqual([]);
  });

  it("documents a body where the handler parses one, and query parameters where it parses a query", () => {
    const problems: string[] = [];
    for (const r of routes) {
      const source = fs.readFileSync(r.file, "utf8");
      for (const m of r.methods) {
        const start = source.search(new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`));
        if (start < 0) continue;
        const next = source.slice(start + 1).search(/\nexport\s/);
        const segment = source.slice(start, next < 0 ? undefined : start + 1 + next);
        const o = OPERATIONS.find((x) => x.method === m && x.path === r.path);
        if (!o) continue; // reported by the first test
        if (/parseBody\(/.test(segment) && !o.body)
          problems.push(`${m} ${r.path}: the handler parses a body; add body: <its schema>`);
        if (/parseQuery\(/.test(segment) && !o.query)
          problems.push(`${m} ${r.path}: the handler parses a query; add query: <its schema>`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("is generated from the same zod schemas that validate requests", () => {
    const post = ops.find((o) => o.method === "POST" && o.path === "/api/v1/deployments")!.op;
    expect(post.requestBody!.content["application/json"]!.schema).toEqual(jsonSchema(createDeploymentSchema));
    const get = ops.find((o) => o.method === "GET" && o.path === "/api/v1/deployments")!.op;
    expect(get.parameters!.map((p) => p.name)).toEqual(Object.keys(listDeploymentsSchema.shape));
    const slo = ops.find((o) => o.method === "POST" && o.path === "/api/v1/slos")!.op;
    expect(slo.requestBody!.content["application/json"]!.schema).toEqual(jsonSchema(createSloSchema));
    // the zod schema's constraints reach the document
    const body = post.requestBody!.content["application/json"]!.schema as {
      required: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    expect(body.required).toEqual(["service", "version"]);
    expect(body.properties.status!.enum).toEqual(["started", "succeeded", "failed", "rolled_back"]);
  });

  it("is a consistent OpenAPI 3.1 document: unique operation ids, declared path parameters, known tags, resolvable refs, the error envelope", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const tags = new Set<string>(doc.tags.map((t) => t.name));
    for (const { path: p, method, op } of ops) {
      const declared = (op.parameters ?? [])
        .filter((x) => x.in === "path")
        .map((x) => x.name)
        .sort();
      expect(declared, `${method} ${p}`).toEqual([...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
      expect(
        op.tags.every((t) => tags.has(t)),
        `${method} ${p} tag`,
      ).toBe(true);
      expect(
        Object.keys(op.responses).some((k) => k.startsWith("2")),
        `${method} ${p} success response`,
      ).toBe(true);
      const registered = OPERATIONS.find((o) => o.method === method && o.path === p)!;
      if (registered.auth !== "public") expect(op.responses, `${method} ${p}`).toHaveProperty("401");
      if (registered.body || registered.query) expect(op.responses, `${method} ${p}`).toHaveProperty("422");
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of new Set(refs)) expect(doc.components.schemas, r).toHaveProperty(r);
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
  });

  it("is served without authentication at /api/v1/openapi.json", async () => {
    const res = await call(openapiRoute.GET, { url: "/api/v1/openapi.json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(Object.keys(doc.paths));
  });
});
