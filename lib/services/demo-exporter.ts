import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoExposition } from "@/lib/demo/openmetrics";
import { writtenDemoEnd } from "./demo-traffic";

// The demo's live exporter (issue 14): after `srecp demo` wrote the history as blocks, Prometheus
// scrapes this endpoint and the counters go on from the same closed-form model, so budgets and burn
// rates keep moving. The demo's end is read from the TSDB marker at each scrape: before the demo is
// loaded (docker compose starts the exporter first) the answer has no samples. Each sample carries its
// instant as an explicit timestamp (the scrape config honours it and the job/instance labels), so a
// stored sample is the model's value at its own timestamp and continues the blocks' series exactly.

export const DEMO_EXPORTER_PORT = 9465;
const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type DemoExporter = { url: string; close: () => Promise<void> };

export function startDemoExporter(opts: {
  tsdbDir: string;
  host?: string;
  port?: number;
  nowMs?: () => number;
}): Promise<DemoExporter> {
  const now = opts.nowMs ?? Date.now;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://exporter").pathname;
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics\n");
      return;
    }
    const endSec = writtenDemoEnd(opts.tsdbDir);
    const body =
      endSec === null
        ? "# srecp demo not loaded yet: no demo traffic\n"
        : demoExposition(endSec, Math.floor(now() / 1000));
    res.writeHead(200, { "content-type": CONTENT_TYPE }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEMO_EXPORTER_PORT, opts.host ?? "127.0.0.1", () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(":") ? `[${address}]` : address;
      resolve({ url: `http://${host}:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
