import http from "node:http";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "@/lib/notify/signature";
import { freePort } from "./process";

// A real HTTP webhook receiver on 127.0.0.1: verifies the HMAC signature and timestamp as a receiver
// following docs/notifications.md would (a bad or stale signature → 401), answers with a scripted list
// of statuses (e.g. 503, 503, then 200 for every further request) and records every request.

export type ReceivedRequest = {
  path: string;
  body: Record<string, unknown>;
  raw: string;
  status: number;
  signatureOk: boolean;
  at: number;
};

export type ReceiverHandle = {
  url: string;
  requests: ReceivedRequest[];
  /** Statuses to answer, in order; once used up, `then` (default 200). */
  script(statuses: number[], then?: number): void;
  stop(): Promise<void>;
};

export async function startReceiver(secret: string): Promise<ReceiverHandle> {
  const requests: ReceivedRequest[] = [];
  let queue: number[] = [];
  let fallback = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => (req.headers[name.toLowerCase()] as string | undefined) ?? null;
      const verdict = verifySignature(
        secret,
        { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) },
        raw,
        Date.now(),
      );
      const status = verdict.ok ? (queue.shift() ?? fallback) : 401;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as {}: the test asserts on it
      }
      requests.push({ path: req.url ?? "/", body, raw, status, signatureOk: verdict.ok, at: Date.now() });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : `status ${status}`);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(statuses, then = 200) {
      queue = [...statuses];
      fallback = then;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
