import fs from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export type RouteFile = {
  /** Absolute path of the route.ts file. */
  file: string;
  /** URL path in OpenAPI style: /api/v1/services/{slug}. */
  path: string;
  /** Exported HTTP method handlers, read from the source text. */
  methods: string[];
};

/** Methods a route file exports: `export const GET =`, `export async function POST(`, `export { h as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g))
    found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) found.add(name);
    }
  }
  return HTTP_METHODS.filter((h) => found.has(h));
}

/** Every app/api/v1/**\/route.ts under `root`, with its URL path and exported methods, sorted by path. */
export function discoverRoutes(root: string, base = "app/api/v1"): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const rel = path
          .relative(path.join(root, "app"), path.dirname(p))
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        const url = `/${rel.map((s) => s.replace(/^\[(\.\.\.)?(.+)\]$/, "{$2}")).join("/")}`;
        out.push({ file: p, path: url, methods: exportedMethods(fs.readFileSync(p, "utf8")) });
      }
    }
  };
  walk(path.join(root, base));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
