// Plumbing shared by the bench scripts that drive a built app: re-running under tsx (so they can import
// the project's TypeScript), importing project modules, and waiting for a server to answer.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/** Re-runs the calling script once under `node --conditions=react-server --import tsx` (marked by `flag`; the condition lets it import modules marked server-only) and exits with its status. */
export function reexecUnderTsx(flag) {
  if (process.env[flag]) return;
  const res = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [flag]: "1" },
  });
  process.exit(res.status ?? 1);
}

/** Imports a project module by its path from the repository root. */
export const importFromRoot = (root, p) => import(pathToFileURL(path.join(root, p)).href);

/** Exits with a message when there is no production build to start. */
export function requireBuild(root) {
  if (fs.existsSync(path.join(root, ".next/BUILD_ID"))) return;
  console.error("No production build: run `npx next build` first.");
  process.exit(1);
}

/** Polls `url` every 250 ms until it answers 2xx, or throws after `timeoutMs`. */
export async function waitHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs in through NextAuth's credentials flow (as the login form does); returns the session cookie ("name=value"). */
export async function signIn(base, email, password) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/home`, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return session;
}
