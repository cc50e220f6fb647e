/**
 * Post-deploy verification (`srecp verify`): compares each SLO's burn rates at the deploy instant with
 * now. An SLO is breached when a page-severity burn-rate alert fires now, or when its 1-hour burn rate
 * rose above the page factor of the 1-hour alert (14.4 for a 30-day window): it was at or below it (or
 * had no data) before the deploy and is above it now. A pipeline rolls back on a breach.
 */
export type VerifySlo = {
  id: string;
  name: string;
  burnRates: Record<string, number | null>;
  alerts: { name: string; severity: string; factor: number; firing: boolean }[];
};

export type VerifyRow = {
  id: string;
  name: string;
  before1h: number | null;
  after1h: number | null;
  pageFactor: number | null;
  firingNow: string[];
  breach: boolean;
  reason: string;
};

/** Factor of the page alert over the 1-hour window (page-fast), else the highest page factor. */
function pageFactor(slo: VerifySlo): number | null {
  const page = slo.alerts.filter((a) => a.severity === "page");
  return (
    page.find((a) => a.name === "page-fast")?.factor ?? (page.length ? Math.max(...page.map((a) => a.factor)) : null)
  );
}

export function compareDeploy(
  before: readonly VerifySlo[],
  after: readonly VerifySlo[],
): { breach: boolean; rows: VerifyRow[] } {
  const prior = new Map(before.map((s) => [s.id, s]));
  const rows = after.map((now): VerifyRow => {
    const then = prior.get(now.id);
    const before1h = then?.burnRates["1h"] ?? null;
    const after1h = now.burnRates["1h"] ?? null;
    const factor = pageFactor(now);
    const firingNow = now.alerts.filter((a) => a.firing).map((a) => a.name);
    const paging = now.alerts.filter((a) => a.severity === "page" && a.firing).map((a) => a.name);
    const rose = factor !== null && after1h !== null && after1h > factor && (before1h === null || before1h <= factor);
    const reason = paging.length
      ? `page alert firing: ${paging.join(", ")}`
      : rose
        ? `1h burn rate rose above the page factor ${factor}: ${fmt(before1h)} → ${fmt(after1h)}`
        : "ok";
    return {
      id: now.id,
      name: now.name,
      before1h,
      after1h,
      pageFactor: factor,
      firingNow,
      breach: paging.length > 0 || rose,
      reason,
    };
  });
  return { breach: rows.some((r) => r.breach), rows };
}

const fmt = (v: number | null) => (v === null ? "no data" : String(Math.round(v * 100) / 100));

/** Fixed-width text table for the CI log. */
export function formatVerifyTable(rows: readonly VerifyRow[]): string {
  const head = ["SLO", "1h burn before", "1h burn now", "page factor", "firing now", "result"];
  const body = rows.map((r) => [
    r.name,
    fmt(r.before1h),
    fmt(r.after1h),
    r.pageFactor === null ? "-" : String(r.pageFactor),
    r.firingNow.join(",") || "-",
    r.breach ? `BREACH: ${r.reason}` : "ok",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
