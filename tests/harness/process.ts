import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

// Child-process plumbing for the test stack: free ports, readiness polling, and cleanup of every
// child we started when the Node process exits (a crashed test run must not leave servers behind).

const live = new Set<ChildProcess>();
const dirsToRemove = new Set<string>();
let exitHookInstalled = false;

const installExitHook = () => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing we can still do here.
  process.once("exit", () => {
    for (const child of live) child.kill("SIGKILL");
    for (const dir of dirsToRemove) fs.rmSync(dir, { recursive: true, force: true });
  });
};

/** Removes `dir` when the Node process exits (unless forgetDirOnExit is called first). */
export const removeDirOnExit = (dir: string) => {
  installExitHook();
  dirsToRemove.add(dir);
};

export const forgetDirOnExit = (dir: string) => {
  dirsToRemove.delete(dir);
};

/** Asks the OS for a free TCP port on 127.0.0.1 (tiny race until the server binds it; fine for tests). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });

export type ManagedProcess = {
  child: ChildProcess;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
  exited(): boolean;
};

/** Starts `command` with stdout+stderr appended to `logFile`; killed on process exit. */
export const startProcess = (command: string, args: string[], logFile: string, cwd?: string): ManagedProcess => {
  installExitHook();
  const log = fs.openSync(logFile, "a");
  const child = spawn(command, args, { cwd, stdio: ["ignore", log, log] });
  fs.closeSync(log); // the child holds its own descriptor
  live.add(child);
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    const done = () => {
      hasExited = true;
      live.delete(child);
      resolve();
    };
    child.once("exit", done);
    child.once("error", done); // e.g. ENOENT: binary missing
  });
  return {
    child,
    logFile,
    exited: () => hasExited,
    stop: async (graceMs = 10_000) => {
      if (hasExited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
};

/** Last `chars` characters of a log file, for error messages. */
export const logTail = (file: string, chars = 2000): string => {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.slice(-chars);
  } catch {
    return "(no log)";
  }
};

/** Polls `url` until it answers 2xx; fails fast if the process died, or after `timeoutMs`. */
export const waitReady = async (url: string, proc: ManagedProcess, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exited())
      throw new Error(`${proc.child.spawnfile} exited before ${url} was ready:\n${logTail(proc.logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${logTail(proc.logFile)}`);
};

/** Runs a command to completion; rejects with its output on a non-zero exit. */
export const runToCompletion = (command: string, args: string[], cwd?: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-2000)}`)),
    );
  });
