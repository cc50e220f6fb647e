import http from "node:http";
import { slackPayloadProblem, teamsPayloadProblem } from "./chat-payloads";
import { freePort } from "./process";

// Protocol-speaking stand-ins for Slack incoming webhooks and Microsoft Teams Workflows webhooks: real
// HTTP servers on 127.0.0.1 that judge the body the way the providers do (chat-payloads.ts) and
// answer as they answer. Slack: 200 text "ok"; 400 "invalid_payload" (not JSON) / "no_text" /
// "invalid_blocks"; 404 "no_service"; 410 "channel_is_archived"; 429 "rate_limited" with Retry-After.
// Teams: 202 Accepted (empty body), 400 with a JSON error, 429 with Retry-After. A test scripts what
// the next requests get (`script`) — e.g. the channel was archived — and reads every request received.

export type ChatRequest = {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
  status: number;
  answer: string;
  problem: string | null;
  at: number;
};
/** What to answer to the next request: the provider's own answers by name, or a raw status. */
export type Scripted =
  | "ok"
  | "invalid"
  | "gone"
  | "archived"
  | "rate_limited"
  | "server_error"
  | { status: number; retryAfter?: number | string };

export type StandinHandle = {
  url: string;
  requests: ChatRequest[];
  script(next: Scripted[]): void;
  /** Holds the next `n` accepted requests unanswered until `release()` (a client that dies meanwhile never hears the answer). */
  holdNext(n?: number): void;
  release(): void;
  stop(): Promise<void>;
};

type Answer = { status: number; headers: Record<string, string>; body: string };

const slackAnswer = (s: Scripted, problem: string | null): Answer => {
  const text = (status: number, body: string, headers: Record<string, string> = {}) => ({
    status,
    headers: { "content-type": "text/html", ...headers },
    body,
  });
  if (problem) return text(400, problem);
  if (typeof s === "object")
    return text(
      s.status,
      s.status < 300 ? "ok" : "error",
      s.retryAfter !== undefined ? { "retry-after": String(s.retryAfter) } : {},
    );
  if (s === "invalid") return text(400, "invalid_payload");
  if (s === "gone") return text(404, "no_service");
  if (s === "archived") return text(410, "channel_is_archived");
  if (s === "rate_limited") return text(429, "rate_limited", { "retry-after": "30" });
  if (s === "server_error") return text(500, "rollup_error");
  return text(200, "ok");
};

const teamsAnswer = (s: Scripted, problem: string | null): Answer => {
  const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) => ({
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ error: { code, message } }),
  });
  if (problem) return json(400, "InvalidRequestContent", problem);
  if (typeof s === "object")
    return s.status < 300
      ? { status: s.status, headers: {}, body: "" }
      : json(s.status, "Error", "scripted", s.retryAfter !== undefined ? { "retry-after": String(s.retryAfter) } : {});
  if (s === "invalid")
    return json(
      400,
      "InvalidRequestContent",
      "The input body for trigger 'manual' of type 'Request' did not match its schema.",
    );
  if (s === "gone") return json(404, "WorkflowNotFound", "The workflow could not be found.");
  if (s === "archived") return json(410, "WorkflowDisabled", "The workflow is disabled.");
  if (s === "rate_limited")
    return json(429, "WorkflowRequestsThrottled", "Rate limit is exceeded. Try again in 30 seconds.", {
      "retry-after": "30",
    });
  if (s === "server_error")
    return json(502, "BadGateway", "The server did not receive a response from an upstream server.");
  return { status: 202, headers: {}, body: "" };
};

async function startStandin(
  judge: (raw: string, contentType: string | undefined) => string | null,
  answer: (s: Scripted, problem: string | null) => Answer,
): Promise<StandinHandle> {
  const requests: ChatRequest[] = [];
  let queue: Scripted[] = [];
  let hold = 0;
  const held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const problem = req.method !== "POST" ? "invalid_payload" : judge(raw, req.headers["content-type"]);
      const a = answer(queue.shift() ?? "ok", problem);
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // kept as null: the problem says why
      }
      requests.push({
        path: req.url ?? "/",
        headers: req.headers,
        raw,
        body,
        status: a.status,
        answer: a.body,
        problem,
        at: Date.now(),
      });
      const send = () => res.writeHead(a.status, a.headers).end(a.body);
      if (a.status < 300 && hold > 0) {
        hold -= 1;
        held.push(send);
      } else send();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (next) => void (queue = [...next]),
    holdNext: (n = 1) => void (hold = n),
    release: () =>
      held.splice(0).forEach((send) => {
        try {
          send();
        } catch {
          /* the client is gone */
        }
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const startSlackStandin = () => startStandin(slackPayloadProblem, slackAnswer);
export const startTeamsStandin = () => startStandin(teamsPayloadProblem, teamsAnswer);
