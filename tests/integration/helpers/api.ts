import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createUser } from "@/lib/services/users";
import { createApiToken } from "@/lib/services/tokens";
import type { RoleName } from "@/lib/auth/permissions";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler in-process exactly as Next would: a Request in, a Response out. */
export async function call(
  handler: Handler,
  opts: {
    method?: string;
    url?: string;
    token?: string;
    body?: unknown;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`http://test.local${opts.url ?? "/"}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: json as any, headers: res.headers };
}

let n = 0;
/** Creates a user with a role (and team memberships by slug) and returns an API token for it. */
export async function userWithToken(role: RoleName, teams: string[] = []) {
  n += 1;
  const email = `${role}${n}-${Date.now()}@example.com`;
  const user = await createUser(SYSTEM_ACTOR, { email, name: `${role} ${n}`, role, teams, password: undefined });
  const { token } = await createApiToken(SYSTEM_ACTOR, { name: "test", scopes: [], ownerId: user.id });
  return { email, token, id: user.id };
}
