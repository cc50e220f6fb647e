/**
 * Minimal `--flag value` / `--flag=value` / `--switch` parser; positional words are returned in order.
 * Single-letter short flags (`-f dir`, `-o out`) are stored under their letter.
 */
export function parseArgs(argv: string[]): { words: string[]; flags: Record<string, string | true> } {
  const words: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[a-zA-Z]$/.test(a)) {
      if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("-")) flags[a.slice(1)] = argv[++i]!;
      else flags[a.slice(1)] = true;
      continue;
    }
    if (!a.startsWith("--")) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) flags[a.slice(2)] = argv[++i]!;
    else flags[a.slice(2)] = true;
  }
  return { words, flags };
}

export function required(flags: Record<string, string | true>, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || !v) throw new CliError(`missing --${name}`);
  return v;
}

export class CliError extends Error {}
