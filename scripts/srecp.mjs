#!/usr/bin/env node
// `npx srecp …` — the control plane's command line. The commands are TypeScript in cli/, run through tsx
// so they share lib/ with the web app (same validation, permissions and audit trail).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
// The commands use lib/'s server modules, marked `import "server-only"`: that package resolves to its empty
// module only under the "react-server" condition (Next sets it for server code; here we do, for this process
// and whatever node processes it starts).
const nodeOptions = [process.env.NODE_OPTIONS, "--conditions=react-server"].filter(Boolean).join(" ");
const res = spawnSync(
  process.execPath,
  [tsxCli, "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "cli/run.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: nodeOptions } },
);
process.exit(res.status ?? 1);
