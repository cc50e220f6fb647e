import { EnvError } from "@/lib/env";
import { z } from "zod";
import { fieldErrors } from "@/lib/validation/common";
import { appErrorOf } from "@/lib/http/error-policy";
import { DatabaseLockedError } from "../scripts/lib/pglite-lock.mjs";
import { CliError, parseArgs } from "./args";
import { COMMANDS, USAGE } from "./commands";

/** Runs one CLI command and returns the process exit code (0 ok, 1 error, 2 usage or "changes"). */
export async function main(argv: string[], root: string): Promise<number> {
  const { words, flags } = parseArgs(argv);
  const key = words.slice(0, 2).join(" ");
  const command = COMMANDS[key] ?? COMMANDS[words[0] ?? ""];
  if (!command || flags.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  process.env.SRECP_PROCESS_PURPOSE ??= `srecp ${key}`;
  try {
    return (await command({ words, flags, root })) ?? 0;
  } catch (err) {
    const known = err instanceof z.ZodError ? null : appErrorOf(err);
    if (err instanceof z.ZodError)
      console.error(
        `error: invalid input: ${Object.entries(fieldErrors(err))
          .map(([f, m]) => `--${f} ${m}`)
          .join("; ")}`,
      );
    else if (known) {
      console.error(`error: ${known.message}`);
      // An outage: the operator at the terminal is the one who would read the server log, so show what failed.
      if (known.status >= 500 && known.cause instanceof Error) console.error(`  cause: ${known.cause.message}`);
    } else if (err instanceof CliError || err instanceof DatabaseLockedError || err instanceof EnvError)
      console.error(`error: ${err.message}`);
    else console.error(err);
    return 1;
  } finally {
    // Close cleanly: the embedded database shuts down (no crash recovery next open) and unlocks.
    if (!flags["keep-open"]) await (await import("@/lib/db")).closeDb();
  }
}
