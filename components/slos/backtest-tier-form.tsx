"use client";
import type { FieldErrors } from "@/lib/query/api";
import type { TierCandidate, TierName } from "@/lib/query/backtest";
import type { AlertTier } from "@/lib/slo/alerts";

// Candidate settings per tier as text fields (factor, long/short window, for, on/off). Blank = the
// current value; the server validates and names the field (tiers.page-fast.factor) on a 422.

export type TierDraft = { enabled: boolean; factor: string; longWindow: string; shortWindow: string; for: string };
export type TierDrafts = Record<TierName, TierDraft>;

export const draftsOf = (tiers: readonly AlertTier[]): TierDrafts =>
  Object.fromEntries(
    tiers.map((t) => [
      t.name,
      { enabled: true, factor: String(t.factor), longWindow: t.longWindow, shortWindow: t.shortWindow, for: t.for },
    ]),
  ) as TierDrafts;

/** Only what differs from the current tiers, so the request says exactly what the candidate changes. */
export function candidatesOf(
  drafts: TierDrafts,
  current: readonly AlertTier[],
): Partial<Record<TierName, TierCandidate>> {
  const out: Partial<Record<TierName, TierCandidate>> = {};
  for (const t of current) {
    const d = drafts[t.name as TierName];
    if (!d) continue;
    const c: TierCandidate = {};
    if (!d.enabled) c.enabled = false;
    if (d.factor.trim() !== String(t.factor)) c.factor = Number(d.factor.trim());
    if (d.longWindow.trim() !== t.longWindow) c.longWindow = d.longWindow.trim();
    if (d.shortWindow.trim() !== t.shortWindow) c.shortWindow = d.shortWindow.trim();
    if (d.for.trim() !== t.for) c.for = d.for.trim();
    if (Object.keys(c).length) out[t.name as TierName] = c;
  }
  return out;
}

const SETTINGS = [
  ["factor", "Burn-rate factor"],
  ["longWindow", "Long window"],
  ["shortWindow", "Short window"],
  ["for", "For"],
] as const;

export function BacktestTierForm({
  drafts,
  onChange,
  errors,
  idPrefix,
}: {
  drafts: TierDrafts;
  onChange: (d: TierDrafts) => void;
  errors: FieldErrors;
  idPrefix: string;
}) {
  const set = (name: TierName, patch: Partial<TierDraft>) =>
    onChange({ ...drafts, [name]: { ...drafts[name], ...patch } });
  return (
    <table className="table backtest-tiers">
      <caption className="small muted">Candidate settings (change any; the current ones are replayed too)</caption>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">On</th>
          {SETTINGS.map(([, label]) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(Object.keys(drafts) as TierName[]).map((name) => (
          <tr key={name}>
            <th scope="row" className="mono">
              {name}
            </th>
            <td>
              <input
                type="checkbox"
                aria-label={`${name} on`}
                checked={drafts[name].enabled}
                onChange={(e) => set(name, { enabled: e.target.checked })}
              />
            </td>
            {SETTINGS.map(([key, label]) => {
              const field = `tiers.${name}.${key}`;
              return (
                <td key={key}>
                  <input
                    id={`${idPrefix}-${name}-${key}`}
                    aria-label={`${name} ${label}`}
                    className="mono"
                    value={drafts[name][key]}
                    onChange={(e) => set(name, { [key]: e.target.value })}
                    aria-invalid={errors[field] ? true : undefined}
                    disabled={!drafts[name].enabled}
                  />
                  {errors[field] ? <p className="field-error">{errors[field]}</p> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
