import type { Actor } from "@/lib/auth/permissions";
import { onLiveEvent } from "./bus";
import type { LiveEvent } from "./types";

/** Seconds between comment lines that keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** What `actor` may see of an event: every reader sees SLO and page changes; `forYou` marks pages addressed to them. */
function view(e: LiveEvent, actor: Actor) {
  if (e.topic === "slo-status") return { event: "slo-status", data: { sloIds: e.sloIds } };
  const { userIds, ...rest } = e;
  return { event: "page", data: { ...rest, forYou: userIds.includes(actor.userId) } };
}

/**
 * A Server-Sent Events stream of live events for one viewer. It ends after `maxSeconds` (EventSource
 * then reconnects, which also re-checks the session) or when the client goes away (`signal`).
 * maxSeconds 0 sends the `ready` frame and ends (used by tests and health checks).
 */
export function liveEventStream(actor: Actor, signal: AbortSignal, maxSeconds: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 3000\n${frame("ready", { at: new Date().toISOString() })}`);
      if (maxSeconds <= 0) {
        controller.close();
        return;
      }
      const off = onLiveEvent((e) => {
        const v = view(e, actor);
        send(frame(v.event, v.data));
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      const end = setTimeout(() => cleanup(), maxSeconds * 1000);
      let closed = false;
      cleanup = () => {
        if (closed) return;
        closed = true;
        off();
        clearInterval(heartbeat);
        clearTimeout(end);
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", cleanup);
    },
    cancel() {
      cleanup();
    },
  });
}
