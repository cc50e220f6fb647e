import { spawn } from "node:child_process";
import path from "node:path";

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the real command line (`node scripts/srecp.mjs …`) as a child process, asynchronously (the API
 * server it talks to may live in this very process). SRECP_URL / SRECP_TOKEN come from `env`.
 */
export function runSrecp(
  args: string[],
  env: Record<string, string> = {},
  cwd = path.resolve(__dirname, "../.."),
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(cwd, "scripts/srecp.mjs"), ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
