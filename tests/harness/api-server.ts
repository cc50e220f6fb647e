import http from "node:http";
import type { AddressInfo } from "node:net";
import { discoverRoutes, type RouteFile } from "./api-routes";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Loader = (file: string) => Promise<Record<string, unknown>>;
type Compiled = RouteFile & { regex: RegExp; names: string[]; dynamic: number };

function compile(r: RouteFile): Compiled {
  const names: string[] = [];
  const source = r.path
    .split("/")
    .map((seg) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { ...r, regex: new RegExp(`^${source}$`), names, dynamic: names.length };
}

/**
 * A real HTTP server in front of the app's route handlers, in-process: requests are routed the way the
 * App Router does (static segments win over [dynamic] ones) to the handler modules, loaded with `load`
 * (in Vitest: `(f) => import(f)`). Lets tests run the real `srecp` CLI process against the real API.
 */
export async function startApiServer(root: string, load: Loader): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = discoverRoutes(root)
    .map(compile)
    .sort((a, b) => a.dynamic - b.dynamic);
  const modules = new Map<string, Record<string, unknown>>();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let match: { route: Compiled; params: Record<string, string> } | null = null;
      for (const route of routes) {
        const m = route.regex.exec(url.pathname);
        if (m) {
          match = { route, params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
          break;
        }
      }
      if (!match)
        return send(
          res,
          Response.json({ error: { code: "NOT_FOUND", message: `no route for ${url.pathname}` } }, { status: 404 }),
        );
      let mod = modules.get(match.route.file);
      if (!mod) modules.set(match.route.file, (mod = await load(match.route.file)));
      const handler = mod[req.method ?? "GET"] as Handler | undefined;
      if (!handler)
        return send(
          res,
          Response.json(
            { error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} not allowed` } },
            { status: 405 },
          ),
        );
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      // As Next does (signalFromNodeResponse): the request's signal aborts when the client goes away.
      const gone = new AbortController();
      res.on("close", () => !res.writableFinished && gone.abort());
      const request = new Request(url.toString(), { method: req.method, headers, body, signal: gone.signal });
      await send(res, await handler(request, { params: Promise.resolve(match.params) }));
    } catch (err) {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: String(err) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

async function send(res: http.ServerResponse, response: Response) {
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}
