import { CliError } from "./args";

/**
 * The HTTP side of the CLI: commands a CI pipeline runs (gate, deploy, verify, plan, apply, export)
 * talk to a running server, like any API client, with `--url` (default $SRECP_URL or
 * http://localhost:3000) and `--token` (default $SRECP_TOKEN).
 */
export type Flags = Record<string, string | true>;

/** The server could not be reached, or answered something that is not our API. */
export class ConnectionError extends CliError {}

/** The API answered with its error envelope. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  describe(): string {
    const fields = Object.entries(this.fields)
      .map(([f, m]) => `\n    ${f}: ${m}`)
      .join("");
    return `${this.status} ${this.code}: ${this.message}${fields}`;
  }
}

export type Api = {
  baseUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
};

const flag = (flags: Flags, name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);

export function apiFromFlags(
  flags: Flags,
  env: Record<string, string | undefined> = process.env,
  fetchImpl: typeof fetch = fetch,
): Api {
  const baseUrl = (flag(flags, "url") ?? env.SRECP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const token = flag(flags, "token") ?? env.SRECP_TOKEN;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new CliError(`--url must be an http(s) URL, got "${baseUrl}"`);
  if (!token)
    throw new CliError(
      "missing --token (or the SRECP_TOKEN environment variable): create one under Settings → API tokens",
    );
  const timeoutMs = Number(env.SRECP_TIMEOUT_MS || 60_000);
  return {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetchImpl(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new ConnectionError(
          `cannot reach ${baseUrl}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
        );
      }
      const text = await res.text();
      let data: unknown;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        throw new ConnectionError(
          `${method} ${baseUrl}${path} answered ${res.status} with something that is not JSON; is --url the control plane?`,
        );
      }
      if (!res.ok) {
        const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)
          ?.error;
        throw new ApiError(res.status, e?.code ?? "HTTP", e?.message ?? `${method} ${path} failed`, e?.fields ?? {});
      }
      return data as T;
    },
  };
}

/** "Why it failed" for the log: API errors with their fields, anything else its message. */
export const describeError = (err: unknown) =>
  err instanceof ApiError ? err.describe() : err instanceof Error ? err.message : String(err);

export const enc = encodeURIComponent;
